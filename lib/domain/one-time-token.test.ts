import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateOneTimeToken, isOneTimeToken, TOKEN_TTL_MS, tokenPath, tokenRefusal, tokenStatus } from './one-time-token';

const nodeRandom = (n: number) => new Uint8Array(randomBytes(n));
const at = (iso: string) => new Date(iso);

describe('one-time tokens', () => {
  it('carry their kind and 40 base62 characters, and are told apart by kind', () => {
    const invitation = generateOneTimeToken('invitation', nodeRandom);
    const reset = generateOneTimeToken('password_reset', nodeRandom);
    expect(invitation).toMatch(/^gli_[0-9A-Za-z]{40}$/);
    expect(reset).toMatch(/^glr_[0-9A-Za-z]{40}$/);
    expect(isOneTimeToken('invitation', invitation)).toBe(true);
    expect(isOneTimeToken('password_reset', invitation)).toBe(false);
    expect(isOneTimeToken('invitation', `${invitation}x`)).toBe(false);
    expect(isOneTimeToken('invitation', `gli_${'a'.repeat(39)}-`)).toBe(false);
  });

  it('are distinct', () => {
    expect(new Set(Array.from({ length: 200 }, () => generateOneTimeToken('invitation', nodeRandom))).size).toBe(200);
  });

  it('open /invite/<token> and /reset/<token>', () => {
    expect(tokenPath('invitation', 'gli_x')).toBe('/invite/gli_x');
    expect(tokenPath('password_reset', 'glr_x')).toBe('/reset/glr_x');
  });

  it('last a week (invitations) and an hour (password resets)', () => {
    expect(TOKEN_TTL_MS.invitation).toBe(7 * 24 * 3600_000);
    expect(TOKEN_TTL_MS.password_reset).toBe(3600_000);
  });
});

describe('tokenStatus', () => {
  const expiresAt = at('2026-12-08T12:00:00Z');
  const before = at('2026-12-08T11:59:59Z');

  it('is valid until the expiry, expired from it on', () => {
    expect(tokenStatus({ expiresAt }, before)).toBe('valid');
    expect(tokenStatus({ expiresAt }, expiresAt)).toBe('expired');
  });

  it('names use first, then revocation, then expiry', () => {
    const when = at('2026-12-01T00:00:00Z');
    expect(tokenStatus({ expiresAt, revokedAt: when, usedAt: when }, at('2027-01-01T00:00:00Z'))).toBe('used');
    expect(tokenStatus({ expiresAt, revokedAt: when, usedAt: null }, at('2027-01-01T00:00:00Z'))).toBe('revoked');
    expect(tokenStatus({ expiresAt, revokedAt: null, usedAt: null }, before)).toBe('valid');
  });

  it('says why a link no longer works', () => {
    expect(tokenRefusal('used', 'invitation')).toBe('This invitation has already been used.');
    expect(tokenRefusal('revoked', 'reset link')).toBe('This reset link was revoked by an admin.');
    expect(tokenRefusal('expired', 'invitation')).toMatch(/expired\. Ask an admin for a new one/);
  });
});
