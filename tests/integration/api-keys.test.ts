import { afterEach, describe, expect, it } from 'vitest';
import { createApiKey, findApiKeyByHash, listApiKeys, revokeApiKey, touchApiKey } from '@/lib/data/api-keys';
import { db } from '@/lib/data/db';
import { onInvalidation, type Invalidation } from '@/lib/data/invalidation';
import { hashSecret } from '@/lib/domain/secret-hash';
import { parseApiKey } from '@/lib/domain/api-key';
import { addMember, errorCode, newTenant } from './helpers';

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

describe('API keys', () => {
  it('stores only the hash and prefix; the full key is returned once and hashes to the stored hash', async () => {
    const admin = await newTenant();
    const created = await createApiKey(admin, { name: 'Backend', environment: 'production' });
    expect(parseApiKey(created.key)).toEqual({ env: 'production' });
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.prefix).toMatch(/^glk_prod_[0-9A-Za-z]{4}$/);

    const prisma = await db();
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(hashSecret(created.key));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const listed = await listApiKeys(admin);
    expect(listed).toEqual([
      {
        id: created.id,
        name: 'Backend',
        prefix: created.prefix,
        environment: 'production',
        createdAt: row.createdAt,
        createdBy: 'Test Team',
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(row.hash);

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { workspaceId: admin.workspaceId, action: 'apikey.create' } });
    expect(audit.targetId).toBe(created.id);
    expect(JSON.stringify(audit.data)).not.toContain(created.key);

    expect(await findApiKeyByHash(hashSecret(created.key))).toEqual({
      id: created.id,
      workspaceId: admin.workspaceId,
      environment: 'production',
      revoked: false,
    });
    expect(await findApiKeyByHash(hashSecret(`${created.key.slice(0, -1)}x`))).toBeNull();
  });

  it('creates keys for each environment, newest first', async () => {
    const admin = await newTenant();
    const dev = await createApiKey(admin, { name: 'dev', environment: 'development' });
    const stg = await createApiKey(admin, { name: 'stg', environment: 'staging' });
    expect(parseApiKey(dev.key)?.env).toBe('development');
    expect((await findApiKeyByHash(hashSecret(stg.key)))?.environment).toBe('staging');
    expect((await listApiKeys(admin)).map((k) => k.name)).toEqual(['stg', 'dev']);
  });

  it('revokes through the workspace, flags the key, audits once and invalidates its cached lookup', async () => {
    const admin = await newTenant();
    const created = await createApiKey(admin, { name: 'CI', environment: 'staging' });
    const hash = hashSecret(created.key);
    const events: Invalidation[] = [];
    unsubscribe = onInvalidation((e) => {
      if (e.type === 'key' && e.hash === hash) events.push(e);
    });

    const other = await newTenant();
    expect(await errorCode(revokeApiKey(other, created.id))).toBe('not_found');
    expect(events).toEqual([]);

    const { revokedAt } = await revokeApiKey(admin, created.id);
    expect(events).toEqual([{ type: 'key', hash }]);
    expect(await findApiKeyByHash(hash)).toMatchObject({ id: created.id, revoked: true });
    expect((await listApiKeys(admin))[0]?.revokedAt).toEqual(revokedAt);

    expect((await revokeApiKey(admin, created.id)).revokedAt).toEqual(revokedAt);
    const prisma = await db();
    expect(await prisma.auditEvent.count({ where: { workspaceId: admin.workspaceId, action: 'apikey.revoke' } })).toBe(1);
  });

  it('is for admins only, and lists only the caller’s workspace', async () => {
    const admin = await newTenant();
    await createApiKey(admin, { name: 'mine', environment: 'development' });
    const created = await createApiKey(admin, { name: 'second', environment: 'development' });
    for (const role of ['viewer', 'editor', 'reviewer', 'publisher'] as const) {
      const member = await addMember(admin, role);
      expect(await errorCode(createApiKey(member, { name: 'x', environment: 'production' }))).toBe('forbidden');
      expect(await errorCode(listApiKeys(member))).toBe('forbidden');
      expect(await errorCode(revokeApiKey(member, created.id))).toBe('forbidden');
    }
    const other = await newTenant();
    expect(await listApiKeys(other)).toEqual([]);
    expect((await listApiKeys(admin)).every((k) => k.revokedAt === null)).toBe(true);
  });

  it('touches lastUsedAt at most once a minute', async () => {
    const admin = await newTenant();
    const { id } = await createApiKey(admin, { name: 'hot', environment: 'production' });
    const prisma = await db();
    const lastUsed = async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id }, select: { lastUsedAt: true } })).lastUsedAt;
    const t0 = new Date('2030-01-01T00:00:00Z');

    expect(await touchApiKey(id, t0)).toBe(true);
    expect(await lastUsed()).toEqual(t0);
    expect(await touchApiKey(id, new Date(t0.getTime() + 30_000))).toBe(false);
    expect(await touchApiKey(id, new Date(t0.getTime() + 60_000))).toBe(false);
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 60_001);
    expect(await touchApiKey(id, t1)).toBe(true);
    expect(await lastUsed()).toEqual(t1);
    // An earlier clock never moves it back.
    expect(await touchApiKey(id, t0)).toBe(false);
    expect(await touchApiKey('no-such-key', t1)).toBe(false);
    expect((await listApiKeys(admin))[0]?.lastUsedAt).toEqual(t1);
  });
});
