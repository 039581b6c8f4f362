// Service tokens: `gst_<40 base62 chars>`, the credential of the write API and the CLI. Pure
// and browser-safe (hashing lives in secret-hash.ts). A token acts as a service member of one
// workspace with a role below admin, until it expires or is revoked.
import type { Role } from '@/lib/authz-rules';
import { randomBase62 } from './random-base62';

export const SERVICE_TOKEN_SECRET_LENGTH = 40;
export const SERVICE_TOKEN_RE = /^gst_[0-9A-Za-z]{40}$/;
const PREFIX_SECRET_CHARS = 4;

/** Every role but admin: a token never governs the workspace (members, keys, tokens, policy). */
export const SERVICE_TOKEN_ROLES = ['viewer', 'editor', 'reviewer', 'publisher'] as const satisfies readonly Exclude<Role, 'admin'>[];
export type ServiceTokenRole = (typeof SERVICE_TOKEN_ROLES)[number];

/** The expiries the admin UI offers, in days; null is "never". */
export const SERVICE_TOKEN_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export const MAX_SERVICE_TOKEN_DAYS = 3650;

export function generateServiceToken(randomBytes: (n: number) => Uint8Array): string {
  return `gst_${randomBase62(SERVICE_TOKEN_SECRET_LENGTH, randomBytes)}`;
}

/** Format only: whether `s` looks like a service token, not whether one was issued. */
export function isServiceToken(s: string): boolean {
  return SERVICE_TOKEN_RE.test(s);
}

/** What the UI shows, e.g. `gst_ab12`. */
export function serviceTokenPrefix(token: string): string {
  return token.slice(0, 4 + PREFIX_SECRET_CHARS);
}

export type ServiceTokenStatus = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired: it names what an admin did. */
export function serviceTokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): ServiceTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** The 401 message for a token that no longer works. */
export function serviceTokenRefusal(
  status: Exclude<ServiceTokenStatus, 'active'>,
  token: { name: string; expiresAt: Date | null },
): string {
  return status === 'revoked'
    ? `The service token "${token.name}" has been revoked; ask a workspace admin for a new one`
    : `The service token "${token.name}" expired at ${token.expiresAt!.toISOString()}; ask a workspace admin for a new one`;
}

/** The display name of a token's service user, which the audit log and revision authors show. */
export function serviceUserName(tokenName: string): string {
  return `${tokenName} (service token)`;
}
