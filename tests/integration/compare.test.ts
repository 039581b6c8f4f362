import { describe, expect, it } from 'vitest';
import type { WorkspaceContext } from '@/lib/authz';
import { listRefs, resolveRef } from '@/lib/data/compare';
import { db } from '@/lib/data/db';
import { publishRevision } from '@/lib/data/releases';
import type { Content } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import { systemContent as content } from '../factories';
import { errorCode, newTenant, promptWithSaves as savedPrompt } from './helpers';

/** A prompt with r1 (the empty content), then r2, r3, … one per body. */
const promptWithSaves = (ctx: WorkspaceContext, bodies: string[]) => savedPrompt(ctx, 'Compare', bodies);

const body = (r: { content: Content } | null) => r?.content.blocks[0]?.body;

describe('resolveRef', () => {
  it('resolves draft, rN and vN, and production is null before the first publish', async () => {
    const ctx = await newTenant();
    const { promptId, ids } = await promptWithSaves(ctx, ['one', 'two']); // r2, r3

    expect(await resolveRef(ctx, promptId, 'production')).toBeNull();

    const draft = await resolveRef(ctx, promptId, 'draft');
    expect(draft).toMatchObject({
      ref: 'draft',
      label: 'Draft (r3)',
      kind: 'revision',
      number: 3,
      contentHash: contentHash(content('two')),
    });
    expect(body(draft)).toBe('two');

    const r2 = await resolveRef(ctx, promptId, 'r2');
    expect(r2).toMatchObject({ ref: 'r2', label: 'r2', kind: 'revision', number: 2 });
    expect(body(r2)).toBe('one');
    expect(r2!.createdAt).toBeInstanceOf(Date);

    await publishRevision(ctx, { promptId, revisionId: ids.get(2)!, note: 'first', draftPolicy: 'retain' });
    const v1 = await resolveRef(ctx, promptId, 'v1');
    expect(v1).toMatchObject({ ref: 'v1', label: 'v1', kind: 'release', number: 1, contentHash: contentHash(content('one')) });
    expect(body(v1)).toBe('one');
    const production = await resolveRef(ctx, promptId, 'production');
    expect(production).toMatchObject({ ref: 'production', label: 'Production (v1)', kind: 'release', number: 1 });
    // retain: the draft is still r3, ahead of production.
    expect(body(await resolveRef(ctx, promptId, 'draft'))).toBe('two');
  });

  it('follows production to the release it serves, not merely the newest', async () => {
    const ctx = await newTenant();
    const { promptId, ids } = await promptWithSaves(ctx, ['one', 'two']);
    const v1 = await publishRevision(ctx, { promptId, revisionId: ids.get(2)!, note: '', draftPolicy: 'retain' });
    await publishRevision(ctx, { promptId, revisionId: ids.get(3)!, note: '', draftPolicy: 'retain' });
    expect(await resolveRef(ctx, promptId, 'production')).toMatchObject({ number: 2 });

    // A rollback points the deployment at v1.
    const prisma = await db();
    await prisma.deployment.updateMany({ where: { promptId }, data: { releaseId: v1.id } });
    const production = await resolveRef(ctx, promptId, 'production');
    expect(production).toMatchObject({ number: 1, label: 'Production (v1)' });
    expect(body(production)).toBe('one');

    // With nothing pinned, production serves the newest release.
    await prisma.deployment.updateMany({ where: { promptId }, data: { releaseId: null } });
    expect(await resolveRef(ctx, promptId, 'production')).toMatchObject({ number: 2 });
  });

  it('refuses missing and malformed refs as not_found', async () => {
    const ctx = await newTenant();
    const { promptId } = await promptWithSaves(ctx, ['one']);
    for (const ref of ['r99', 'v1', 'r0', 'r012', 'x1', '', 'v99999999999', 'head']) {
      expect(await errorCode(resolveRef(ctx, promptId, ref)), ref).toBe('not_found');
    }
    expect(await errorCode(resolveRef(ctx, 'no-such-prompt', 'draft'))).toBe('not_found');
  });

  it("does not resolve another workspace's prompt", async () => {
    const owner = await newTenant();
    const stranger = await newTenant();
    const { promptId, ids } = await promptWithSaves(owner, ['secret']);
    await publishRevision(owner, { promptId, revisionId: ids.get(2)!, note: '', draftPolicy: 'retain' });
    for (const ref of ['draft', 'production', 'r1', 'r2', 'v1']) {
      expect(await errorCode(resolveRef(stranger, promptId, ref)), ref).toBe('not_found');
    }
    expect(await errorCode(listRefs(stranger, promptId))).toBe('not_found');
  });
});

describe('listRefs', () => {
  it('lists releases and revisions newest first for the pickers', async () => {
    const ctx = await newTenant();
    const { promptId, ids } = await promptWithSaves(ctx, ['one', 'two']);
    await publishRevision(ctx, { promptId, revisionId: ids.get(2)!, note: 'first release', draftPolicy: 'retain' });
    await publishRevision(ctx, { promptId, revisionId: ids.get(3)!, note: '', draftPolicy: 'retain' });
    const { releases, revisions } = await listRefs(ctx, promptId);
    expect(releases.map((r) => r.value)).toEqual(['v2', 'v1']);
    expect(releases[1]!.label).toMatch(/^v1 · first release · .+ UTC$/);
    expect(releases[0]!.label).toMatch(/^v2 · [A-Z][a-z]{2} \d/);
    expect(revisions.map((r) => r.value)).toEqual(['r3', 'r2', 'r1']);
    expect(revisions[0]!.label).toContain('draft head');
    expect(revisions[1]!.label).not.toContain('draft head');
  });

  it('caps revisions at 50', async () => {
    const ctx = await newTenant();
    const { promptId } = await promptWithSaves(
      ctx,
      Array.from({ length: 54 }, (_, i) => `b${i}`),
    ); // r1…r55
    const { revisions } = await listRefs(ctx, promptId);
    expect(revisions).toHaveLength(50);
    expect(revisions[0]!.value).toBe('r55');
    expect(revisions.at(-1)!.value).toBe('r6');
  });
});
