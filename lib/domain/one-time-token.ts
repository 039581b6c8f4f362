// One-time link tokens: `gli_…` for invitations, `glr_…` for password resets, each 40 base62
// characters (about 238 bits, as API keys). The database keeps only their sha256
// (secret-hash.ts); the token itself is shown once, to the admin who issues the link.
import { randomBase62 } from './random-base62';

export type OneTimeTokenKind = 'invitation' | 'password_reset';

const TAG = { invitation: 'gli', password_reset: 'glr' } as const satisfies Record<OneTimeTokenKind, string>;
const TOKEN_SECRET_LENGTH = 40;
const HOUR_MS = 60 * 60_000;

/** How long a link works: an invitation a week (people are away), a password reset an hour. */
export const TOKEN_TTL_MS = { invitation: 7 * 24 * HOUR_MS, password_reset: HOUR_MS } as const satisfies Record<OneTimeTokenKind, number>;

/** The page a link opens: `/invite/<token>` or `/reset/<token>`. */
export const TOKEN_PATH = { invitation: '/invite/', password_reset: '/reset/' } as const satisfies Record<OneTimeTokenKind, string>;

export function generateOneTimeToken(kind: OneTimeTokenKind, randomBytes: (n: number) => Uint8Array): string {
  return `${TAG[kind]}_${randomBase62(TOKEN_SECRET_LENGTH, randomBytes)}`;
}

/** Whether `s` has the shape of a `kind` token. Format only: says nothing about whether it was issued. */
export function isOneTimeToken(kind: OneTimeTokenKind, s: string): boolean {
  return new RegExp(`^${TAG[kind]}_[0-9A-Za-z]{${TOKEN_SECRET_LENGTH}}$`).test(s);
}

export function tokenPath(kind: OneTimeTokenKind, token: string): string {
  return `${TOKEN_PATH[kind]}${token}`;
}

export type TokenStatus = 'valid' | 'used' | 'revoked' | 'expired';

export interface TokenLifecycle {
  expiresAt: Date;
  revokedAt?: Date | null;
  usedAt?: Date | null;
}

/** Used wins over revoked wins over expired: the status names what happened first to matter. */
export function tokenStatus(token: TokenLifecycle, now: Date): TokenStatus {
  if (token.usedAt) return 'used';
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

/** What the person holding a link is told when it no longer works. */
export function tokenRefusal(status: Exclude<TokenStatus, 'valid'>, what: 'invitation' | 'reset link'): string {
  const subject = what === 'invitation' ? 'This invitation' : 'This reset link';
  switch (status) {
    case 'used':
      return `${subject} has already been used.`;
    case 'revoked':
      return `${subject} was revoked by an admin.`;
    case 'expired':
      return `${subject} has expired. Ask an admin for a new one.`;
  }
}
