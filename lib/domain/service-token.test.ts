import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/authz-rules';
import {
  generateServiceToken,
  isServiceToken,
  SERVICE_TOKEN_ROLES,
  serviceTokenPrefix,
  serviceTokenRefusal,
  serviceTokenStatus,
} from './service-token';

const nodeRandom = (n: number) => new Uint8Array(randomBytes(n));

describe('service tokens', () => {
  it('are gst_ and 40 base62 characters, distinct, and told apart from read keys', () => {
    const tokens = Array.from({ length: 100 }, () => generateServiceToken(nodeRandom));
    for (const t of tokens) expect(isServiceToken(t)).toBe(true);
    expect(new Set(tokens).size).toBe(100);
    for (const s of [`glk_dev_${'a'.repeat(40)}`, `gst_${'a'.repeat(39)}`, `gst_${'a'.repeat(41)}`, `gst_${'a'.repeat(39)}!`])
      expect({ s, ok: isServiceToken(s) }).toEqual({ s, ok: false });
    expect(serviceTokenPrefix(tokens[0]!)).toBe(tokens[0]!.slice(0, 8));
  });

  it('offer every role but admin', () => {
    expect([...SERVICE_TOKEN_ROLES, 'admin'].sort()).toEqual([...ROLES].sort());
  });

  it('are active until they expire or are revoked, revoked winning', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const later = new Date('2026-12-03T00:00:00Z');
    const earlier = new Date('2026-12-01T00:00:00Z');
    expect(serviceTokenStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(serviceTokenStatus({ revokedAt: null, expiresAt: later }, now)).toBe('active');
    expect(serviceTokenStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(serviceTokenStatus({ revokedAt: earlier, expiresAt: earlier }, now)).toBe('revoked');
    expect(serviceTokenRefusal('expired', { name: 'ci', expiresAt: earlier })).toContain('"ci" expired at 2026-12-01T00:00:00.000Z');
    expect(serviceTokenRefusal('revoked', { name: 'ci', expiresAt: null })).toContain('"ci" has been revoked');
  });
});
