// Service tokens' lifecycle against a real database: shown once and stored as a hash, refused
// with a message once expired or revoked, never an admin, last use recorded, bound to their
// own workspace, and their service member kept out of what belongs to people.
import { describe, expect, it } from 'vitest';
import { changeRole, listMembers, removeMember } from '@/lib/data/members';
import { db } from '@/lib/data/db';
import { issuePasswordReset } from '@/lib/data/password-resets';
import { createServiceToken, listServiceTokens, revokeServiceToken } from '@/lib/data/service-tokens';
import { hashSecret } from '@/lib/domain/secret-hash';
import type { ServiceTokenRole } from '@/lib/domain/service-token';
import { systemContent } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';
import { api, tokenFor } from './write-api-client';

async function serviceMembershipId(workspaceId: string, tokenId: string): Promise<string | null> {
  const prisma = await db();
  const token = await prisma.serviceToken.findUniqueOrThrow({ where: { id: tokenId }, select: { userId: true } });
  const m = await prisma.membership.findFirst({ where: { workspaceId, userId: token.userId }, select: { id: true } });
  return m?.id ?? null;
}

describe('service tokens', () => {
  it('are shown once, stored only as their sha256, and listed without it', async () => {
    const admin = await newTenant();
    const created = await createServiceToken(admin, { name: 'ci', role: 'editor', expiresAt: null });
    expect(created.token).toMatch(/^gst_[0-9A-Za-z]{40}$/);
    const prisma = await db();
    const row = await prisma.serviceToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashSecret(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const [listed] = await listServiceTokens(admin);
    expect(listed).toMatchObject({ id: created.id, name: 'ci', role: 'editor', prefix: created.token.slice(0, 8), revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.hash);
  });

  it('refuses an admin role and lets only admins manage tokens', async () => {
    const admin = await newTenant();
    expect(await errorCode(createServiceToken(admin, { name: 'x', role: 'admin' as ServiceTokenRole, expiresAt: null }))).toBe('invalid');
    const publisher = await addMember(admin, 'publisher');
    expect(await errorCode(createServiceToken(publisher, { name: 'x', role: 'viewer', expiresAt: null }))).toBe('forbidden');
    expect(await errorCode(listServiceTokens(publisher))).toBe('forbidden');
  });

  it('answers 401 with a message once revoked or expired, and to a read API key', async () => {
    const admin = await newTenant();
    const live = await tokenFor(admin, 'editor', { name: 'live' });
    expect((await api(live.secret, 'GET', '')).status).toBe(200);
    await revokeServiceToken(admin, live.id);
    const revoked = await api(live.secret, 'GET', '/prompts');
    expect(revoked.status).toBe(401);
    expect(revoked.headers['www-authenticate']).toBe('Bearer');
    expect(revoked.json.error).toEqual({ code: 'unauthenticated', message: expect.stringContaining('"live" has been revoked') });
    // Revocation also takes the service member out of the workspace, and revoking again changes nothing.
    expect(await serviceMembershipId(admin.workspaceId, live.id)).toBeNull();
    const { revokedAt } = await revokeServiceToken(admin, live.id);
    expect(revokedAt).toEqual((await listServiceTokens(admin)).find((t) => t.id === live.id)!.revokedAt);

    const old = await tokenFor(admin, 'editor', { name: 'old', expiresAt: new Date(Date.now() - 1000) });
    const expired = await api(old.secret, 'POST', '/prompts', { slug: 'late', name: 'Late' });
    expect(expired.status).toBe(401);
    expect(expired.json.error.message).toContain('"old" expired at');
    const soon = await tokenFor(admin, 'editor', { name: 'soon', expiresAt: new Date(Date.now() + 60_000) });
    expect((await api(soon.secret, 'GET', '')).status).toBe(200);

    for (const [presented, message] of [
      ['glk_dev_' + 'a'.repeat(40), 'read API key'],
      ['gst_short', 'malformed'],
      [`gst_${'a'.repeat(40)}`, 'Unknown service token'],
    ]) {
      const res = await api(presented, 'GET', '');
      expect({ presented, status: res.status }).toEqual({ presented, status: 401 });
      expect(res.json.error.message).toContain(message);
    }
    expect((await api(null, 'GET', '')).json.error.message).toContain('Bearer gst_');
  });

  it('records last use at most once a minute', async () => {
    const admin = await newTenant();
    const { id, secret } = await tokenFor(admin, 'viewer');
    const lastUsed = async () => (await listServiceTokens(admin)).find((t) => t.id === id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await api(secret, 'GET', '');
    await expect.poll(lastUsed).not.toBeNull();
    const first = await lastUsed();
    await api(secret, 'GET', '');
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toEqual(first);
  });

  it('reach only their own workspace', async () => {
    const a = await newTenant('A');
    const b = await newTenant('B');
    const tokenA = await tokenFor(a, 'publisher');
    const tokenB = await tokenFor(b, 'publisher');
    await api(tokenB.secret, 'POST', '/prompts', { slug: 'secret', name: 'B only', content: systemContent('b') });
    expect((await api(tokenA.secret, 'GET', '/prompts/secret')).status).toBe(404);
    expect((await api(tokenA.secret, 'POST', '/prompts/secret/revisions', { baseRevision: 1, content: systemContent('x') })).status).toBe(
      404,
    );
    expect((await api(tokenA.secret, 'POST', '/prompts/secret/releases', { revision: 1, note: 'x' })).status).toBe(404);
    expect((await api(tokenA.secret, 'GET', '/prompts')).json.items).toEqual([]);
    expect(await errorCode(revokeServiceToken(a, tokenB.id))).toBe('not_found');
    expect((await api(tokenB.secret, 'GET', '')).status).toBe(200);
  });

  it("keep their service member out of people's places: members list, role changes, removal, reset links", async () => {
    const admin = await newTenant();
    const token = await tokenFor(admin, 'editor', { name: 'bot' });
    const { members } = await listMembers(admin);
    expect(members.map((m) => m.email)).toEqual([admin.email]);
    const membershipId = (await serviceMembershipId(admin.workspaceId, token.id))!;
    expect(await errorCode(changeRole(admin, membershipId, 'admin'))).toBe('not_found');
    expect(await errorCode(removeMember(admin, membershipId))).toBe('not_found');
    expect(await errorCode(issuePasswordReset(admin, membershipId))).toBe('not_found');
    expect((await api(token.secret, 'GET', '')).json.token).toEqual({ name: 'bot', role: 'editor', authorId: expect.any(String) });
  });
});
