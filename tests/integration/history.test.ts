import { describe, expect, it } from 'vitest';
import type { WorkspaceContext } from '@/lib/authz';
import { db } from '@/lib/data/db';
import { getRevisionByNumber, listRevisions, restoreRevision } from '@/lib/data/history';
import { publishRevision } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { contentHash } from '@/lib/domain/hash';
import { systemContent as content } from '../factories';
import { addMember, errorCode, newTenant, promptWithSaves as savedPrompt } from './helpers';

/** A prompt with r1 (the empty content) and then one saved revision per body: r2, r3, … */
const promptWithSaves = (ctx: WorkspaceContext, bodies: string[]) => savedPrompt(ctx, 'History', bodies);

async function revisionCount(promptId: string) {
  const prisma = await db();
  return prisma.revision.count({ where: { promptId } });
}

describe('revision history', () => {
  it('pages newest first with contiguous numbers, no gaps and no repeats', async () => {
    const ctx = await newTenant();
    const bodies = Array.from({ length: 119 }, (_, i) => `body ${i}`);
    const { promptId } = await promptWithSaves(ctx, bodies); // r1…r120

    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = await listRevisions(ctx, promptId, { before, limit: 50 });
      pages++;
      seen.push(...page.items.map((r) => r.number));
      if (page.nextBefore !== null) expect(page.nextBefore).toBe(page.items.at(-1)!.number);
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);

    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));

    const first = await listRevisions(ctx, promptId);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]).toMatchObject({ number: 120, isHead: true, source: 'save', restoredFromNumber: null, releaseVersions: [] });
    expect(first.items[0]!.author).toEqual({ id: ctx.userId, name: 'Test Team', email: ctx.email });
    expect(first.items.filter((r) => r.isHead)).toHaveLength(1);
    expect(first.items[0]!.changeSize).toBeGreaterThan(0);
    expect(first.items[0]).not.toHaveProperty('content');
    // The last page is short and says so.
    const last = await listRevisions(ctx, promptId, { before: 21 });
    expect(last.items.map((r) => r.number)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(last.nextBefore).toBeNull();
  });

  it('shows each release on the revision it was published from', async () => {
    const ctx = await newTenant();
    const { promptId, ids } = await promptWithSaves(ctx, ['one', 'two', 'three']); // r2, r3, r4
    await publishRevision(ctx, { promptId, revisionId: ids.get(2)!, note: '', draftPolicy: 'retain' });
    await publishRevision(ctx, { promptId, revisionId: ids.get(4)!, note: '', draftPolicy: 'retain' });
    await publishRevision(ctx, { promptId, revisionId: ids.get(2)!, note: 'again', draftPolicy: 'retain' });

    const { items } = await listRevisions(ctx, promptId);
    const versions = Object.fromEntries(items.map((r) => [r.number, r.releaseVersions]));
    expect(versions).toEqual({ 4: [2], 3: [], 2: [1, 3], 1: [] });

    // reset: the draft becomes a new revision equal to the release, marked as such.
    await saveDraft(ctx, { promptId, baseRevisionId: ids.get(4)!, content: content('four') }); // r5
    await publishRevision(ctx, { promptId, revisionId: ids.get(3)!, note: '', draftPolicy: 'reset' }); // v4, r6
    const after = await listRevisions(ctx, promptId, { limit: 2 });
    expect(after.items.map((r) => [r.number, r.source, r.restoredFromNumber, r.isHead])).toEqual([
      [6, 'publish_reset', 3, true],
      [5, 'save', null, false],
    ]);
    expect((await getRevisionByNumber(ctx, promptId, 3)).releaseVersions).toEqual([4]);
  });

  it('restores by appending a revision with the old content, leaving the old one unchanged', async () => {
    const ctx = await newTenant();
    const { promptId, ids } = await promptWithSaves(ctx, ['first draft', 'second draft', 'third draft']); // r2…r4
    const before = await getRevisionByNumber(ctx, promptId, 2);

    const editor = await addMember(ctx, 'editor');
    const result = await restoreRevision(editor, promptId, ids.get(2)!);
    expect(result).toMatchObject({ restored: true, revision: { number: 5 } });

    const restored = await getRevisionByNumber(ctx, promptId, 5);
    expect(restored).toMatchObject({
      id: result.revision.id,
      source: 'restore',
      restoredFromNumber: 2,
      isHead: true,
      contentHash: before.contentHash,
      sizeBytes: before.sizeBytes,
      author: { id: editor.userId },
    });
    expect(restored.content).toEqual(before.content);
    expect(restored.contentHash).toBe(contentHash(content('first draft')));
    expect(await getRevisionByNumber(ctx, promptId, 2)).toEqual({ ...before, isHead: false });

    const prisma = await db();
    const prompt = await prisma.prompt.findUniqueOrThrow({
      where: { id: promptId },
      select: { headRevisionId: true, revisionCount: true },
    });
    expect(prompt).toEqual({ headRevisionId: result.revision.id, revisionCount: 5 });
    const audit = await prisma.auditEvent.findMany({
      where: { workspaceId: ctx.workspaceId, action: 'revision.restore' },
      select: { actorId: true, targetId: true, data: true },
    });
    expect(audit).toEqual([{ actorId: editor.userId, targetId: promptId, data: { slug: 'history', from: 2, to: 5 } }]);

    const [top] = (await listRevisions(ctx, promptId, { limit: 1 })).items;
    expect(top).toMatchObject({ number: 5, source: 'restore', restoredFromNumber: 2, isHead: true });
  });

  it('writes nothing when the restored content equals the head', async () => {
    const ctx = await newTenant();
    // r2 and r4 hold the same content; r4 is the head.
    const { promptId, ids, headId } = await promptWithSaves(ctx, ['same', 'different', 'same']);
    expect(await revisionCount(promptId)).toBe(4);

    const viaOther = await restoreRevision(ctx, promptId, ids.get(2)!);
    expect(viaOther).toEqual({ restored: false, revision: { id: headId, number: 4 } });
    const viaHead = await restoreRevision(ctx, promptId, headId);
    expect(viaHead).toEqual({ restored: false, revision: { id: headId, number: 4 } });

    expect(await revisionCount(promptId)).toBe(4);
    const prisma = await db();
    expect(await prisma.auditEvent.count({ where: { workspaceId: ctx.workspaceId, action: 'revision.restore' } })).toBe(0);
  });

  it('finds revisions by number, and reports a missing one by its name', async () => {
    const ctx = await newTenant();
    const { promptId } = await promptWithSaves(ctx, ['a']);
    await expect(getRevisionByNumber(ctx, promptId, 2)).resolves.toMatchObject({ number: 2, isHead: true, source: 'save' });
    const err = await getRevisionByNumber(ctx, promptId, 3).catch((e) => e);
    expect(err).toMatchObject({ code: 'not_found', message: 'Revision r3 not found' });
    expect(await errorCode(getRevisionByNumber(ctx, promptId, 2 ** 40))).toBe('not_found');
  });

  it("never lets another workspace read or restore this prompt's revisions", async () => {
    const owner = await newTenant();
    const other = await newTenant();
    const { promptId, ids } = await promptWithSaves(owner, ['secret one', 'secret two']);
    // Even with the real ids, the other workspace's context finds nothing.
    expect(await errorCode(listRevisions(other, promptId))).toBe('not_found');
    expect(await errorCode(getRevisionByNumber(other, promptId, 2))).toBe('not_found');
    expect(await errorCode(restoreRevision(other, promptId, ids.get(2)!))).toBe('not_found');
    // A revision of another prompt cannot be restored into one's own prompt either.
    const { promptId: otherPrompt } = await promptWithSaves(other, ['mine']);
    expect(await errorCode(restoreRevision(other, otherPrompt, ids.get(2)!))).toBe('not_found');
    expect(await revisionCount(promptId)).toBe(3);
    expect(await revisionCount(otherPrompt)).toBe(2);
  });
});
