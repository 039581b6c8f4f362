import { describe, expect, it } from 'vitest';
import { authorize } from '@/lib/authz';
import { db } from '@/lib/data/db';
import { createPrompt, getPrompt, getRevisionContent, listPrompts } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { emptyContent, parseContent } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import { addMember, errorCode, headRevisionId, newTenant } from './helpers';

const base = { description: '', tags: [] as string[] };

describe('prompts', () => {
  it('creates a prompt with r1 as its draft head', async () => {
    const ctx = await newTenant();
    await createPrompt(ctx, { ...base, name: 'Greeter', slug: 'greeter', tags: ['onboarding'] });
    const prompt = await getPrompt(ctx, 'greeter');
    expect(prompt.name).toBe('Greeter');
    expect(prompt.tags).toEqual(['onboarding']);
    expect(prompt.headRevision?.number).toBe(1);
    // The stored hash is the hash of the stored content (emptyContent() has random block ids).
    const stored = parseContent(await getRevisionContent(ctx, prompt.id, prompt.headRevision!.id));
    if (!stored.ok) throw new Error('stored content does not parse');
    expect(stored.content.blocks.map((b) => b.kind)).toEqual(['system', 'user']);
    expect(prompt.headRevision?.contentHash).toBe(contentHash(stored.content));
  });

  it('refuses a duplicate slug in the same workspace with a field error, but allows it in another', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await createPrompt(a, { ...base, name: 'One', slug: 'same' });
    const err = await createPrompt(a, { ...base, name: 'Two', slug: 'same' }).catch((e) => e);
    expect(err.code).toBe('invalid');
    expect(err.fieldErrors.slug[0]).toMatch(/already used/);
    await expect(createPrompt(b, { ...base, name: 'Other tenant', slug: 'same' })).resolves.toMatchObject({ slug: 'same' });
    const prisma = await db();
    expect(await prisma.prompt.count({ where: { workspaceId: a.workspaceId } })).toBe(1);
  });

  it('lists with search by name, slug and tag, and shows publish state', async () => {
    const ctx = await newTenant();
    await createPrompt(ctx, { ...base, name: 'Billing helper', slug: 'billing-helper', tags: ['finance'] });
    const sql = await createPrompt(ctx, { ...base, name: 'SQL explainer', slug: 'sql-explainer', tags: ['analytics'] });
    const byName = await listPrompts(ctx, { q: 'BILLING' });
    expect(byName.items.map((p) => p.slug)).toEqual(['billing-helper']);
    expect((await listPrompts(ctx, { q: 'sql-expl' })).items.map((p) => p.slug)).toEqual(['sql-explainer']);
    expect((await listPrompts(ctx, { q: 'analytics' })).items.map((p) => p.slug)).toEqual(['sql-explainer']);
    expect((await listPrompts(ctx, { q: 'nothing-matches' })).items).toEqual([]);

    const all = await listPrompts(ctx);
    expect(all.items.every((p) => p.state === 'draft')).toBe(true);

    const head = await headRevisionId(sql.id);
    await publishRevision(ctx, { promptId: sql.id, revisionId: head, note: '', draftPolicy: 'reset' });
    let item = (await listPrompts(ctx, { q: 'sql' })).items[0]!;
    expect(item).toMatchObject({ state: 'published', productionVersion: 1 });

    const changed = { ...emptyContent(), blocks: [{ id: 'b1', kind: 'system' as const, title: 'S', body: 'changed', enabled: true }] };
    await saveDraft(ctx, { promptId: sql.id, baseRevisionId: head, content: changed });
    item = (await listPrompts(ctx, { q: 'sql' })).items[0]!;
    expect(item).toMatchObject({ state: 'changed', productionVersion: 1, headRevision: 2 });
  });

  it('pages by keyset without repeats or gaps', async () => {
    const ctx = await newTenant();
    for (let i = 0; i < 55; i++) await createPrompt(ctx, { ...base, name: `P${i}`, slug: `p-${i}` });
    const first = await listPrompts(ctx);
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await listPrompts(ctx, { cursor: first.nextCursor! });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const slugs = new Set([...first.items, ...second.items].map((p) => p.slug));
    expect(slugs.size).toBe(55);
  });

  it("never loads another workspace's prompt, even by slug", async () => {
    const a = await newTenant();
    const b = await newTenant();
    await createPrompt(a, { ...base, name: 'Secret', slug: 'secret' });
    expect(await errorCode(getPrompt(b, 'secret'))).toBe('not_found');
    expect((await listPrompts(b)).items).toEqual([]);
  });

  it('authorizes by membership: non-members get not_found, viewers cannot create', async () => {
    const a = await newTenant();
    const outsider = await newTenant();
    expect(await errorCode(authorize(outsider.userId, a.workspaceSlug, 'prompt.read'))).toBe('not_found');
    const viewer = await addMember(a, 'viewer');
    await expect(authorize(viewer.userId, a.workspaceSlug, 'prompt.read')).resolves.toMatchObject({ role: 'viewer' });
    expect(await errorCode(authorize(viewer.userId, a.workspaceSlug, 'prompt.create'))).toBe('forbidden');
    const editor = await addMember(a, 'editor');
    await expect(authorize(editor.userId, a.workspaceSlug, 'prompt.create')).resolves.toMatchObject({ workspaceId: a.workspaceId });
  });
});
