// The write API (/api/v1/workspace) end to end through the real handler and database: a
// service token creates, edits, saves, reviews, publishes, stages and rolls back, and every
// answer is what the editor and the Publish button would say.
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '@/lib/data/audit-log';
import { contentHash } from '@/lib/domain/hash';
import { systemContent } from '../factories';
import { newTenant } from './helpers';
import { api, tokenFor } from './write-api-client';

describe('write API', () => {
  it('names the workspace and the token', async () => {
    const admin = await newTenant('Writers');
    const { secret } = await tokenFor(admin, 'editor', { name: 'ci' });
    const res = await api(secret, 'GET', '');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      workspace: { slug: admin.workspaceSlug, name: admin.workspaceName },
      token: { name: 'ci', role: 'editor', authorId: expect.any(String) },
    });
    // The token's author id is not the admin who created it.
    expect(res.json.token.authorId).not.toBe(admin.userId);
  });

  it('creates a prompt, saves on a base, and refuses a moved head with who moved it', async () => {
    const admin = await newTenant();
    const { secret } = await tokenFor(admin, 'editor', { name: 'sync' });
    const me = (await api(secret, 'GET', '')).json.token.authorId as string;
    const created = await api(secret, 'POST', '/prompts', {
      slug: 'greeter',
      name: 'Greeter',
      tags: ['Support'],
      content: systemContent('one'),
    });
    expect(created.status).toBe(201);
    expect(created.json.prompt).toEqual({ slug: 'greeter', name: 'Greeter', description: '', tags: ['support'] });
    expect(created.json.head).toMatchObject({
      number: 1,
      contentHash: contentHash(systemContent('one')),
      authorId: me,
      authorName: 'sync (service token)',
    });
    expect(created.json.production).toBeNull();

    const saved = await api(secret, 'POST', '/prompts/greeter/revisions', {
      baseRevision: 1,
      content: systemContent('two'),
      message: 'more',
    });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ revision: { number: 2 }, created: true });

    const same = await api(secret, 'POST', '/prompts/greeter/revisions', { baseRevision: 2, content: systemContent('two') });
    expect(same.status).toBe(200);
    expect(same.json).toMatchObject({ revision: { number: 2 }, created: false });
    expect(same.json.message).toMatch(/unchanged/);

    const stale = await api(secret, 'POST', '/prompts/greeter/revisions', { baseRevision: 1, content: systemContent('three') });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('conflict');
    expect(stale.json.error.message).toContain('sync (service token)');
    expect(stale.json.error.head).toMatchObject({ number: 2, authorId: me, authorName: 'sync (service token)' });

    const list = await api(secret, 'GET', '/prompts/greeter/revisions');
    expect(list.json.items.map((r: { authorId: string }) => r.authorId)).toEqual([me, me]);
    expect(list.json.items.map((r: { number: number; message: string }) => [r.number, r.message])).toEqual([
      [2, 'more'],
      [1, ''],
    ]);
    const r1 = await api(secret, 'GET', '/prompts/greeter/revisions/1');
    expect(r1.json.revision.content).toEqual(systemContent('one'));
  });

  it('publishes, stages and rolls back as a publisher, and the audit log names the token', async () => {
    const admin = await newTenant();
    const { secret } = await tokenFor(admin, 'publisher', { name: 'release-bot' });
    await api(secret, 'POST', '/prompts', { slug: 'p', name: 'P', content: systemContent('a') });
    const v1 = await api(secret, 'POST', '/prompts/p/releases', { revision: 1, note: 'first' });
    expect(v1.status).toBe(201);
    expect(v1.json.release).toMatchObject({ version: 1, revisionNumber: 1, note: 'first' });
    await api(secret, 'POST', '/prompts/p/revisions', { baseRevision: 1, content: systemContent('b') });
    const v2 = await api(secret, 'POST', '/prompts/p/releases', { revision: 2, note: 'second' });
    expect(v2.json.release.version).toBe(2);
    const staged = await api(secret, 'PUT', '/prompts/p/staging', { revision: 1 });
    expect(staged.json).toEqual({ staging: { revisionNumber: 1 }, changed: true });
    const back = await api(secret, 'POST', '/prompts/p/rollback', { version: 1, note: 'bad v2' });
    expect(back.json).toEqual({ production: { version: 1 } });
    const detail = await api(secret, 'GET', '/prompts/p');
    expect(detail.json.production).toMatchObject({ version: 1, revisionNumber: 1, content: systemContent('a') });
    expect(detail.json.staging).toMatchObject({ revisionNumber: 1 });

    const audit = await listAuditEvents(admin, {});
    const rollback = audit.items.find((e) => e.action === 'release.rollback');
    expect(rollback).toMatchObject({ actor: 'release-bot (service token)', data: { from: 2, to: 1, note: 'bad v2' } });
    const viaApi = await api(secret, 'GET', '/audit?action=release.publish');
    expect(viaApi.json.items.map((e: { actor: string }) => e.actor)).toEqual([
      'release-bot (service token)',
      'release-bot (service token)',
    ]);
  });
});
