import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { saveDraft } from '@/lib/data/revisions';
import { contentHash } from '@/lib/domain/hash';
import { userContent } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';

const contentWith = (body: string) => userContent(body, { system: 'You are helpful.' });

async function newPrompt() {
  const ctx = await newTenant();
  const { id } = await createPrompt(ctx, { name: 'Draft', slug: 'draft', description: '', tags: [] }, contentWith('start'));
  const head = (await getPrompt(ctx, 'draft')).headRevision!;
  return { ctx, promptId: id, head };
}

async function revisionNumbers(promptId: string): Promise<number[]> {
  const prisma = await db();
  return (await prisma.revision.findMany({ where: { promptId }, orderBy: { number: 'asc' }, select: { number: true } })).map(
    (r) => r.number,
  );
}

describe('saveDraft', () => {
  it('appends r(n+1) with the content hash and moves the head', async () => {
    const { ctx, promptId, head } = await newPrompt();
    const res = await saveDraft(ctx, { promptId, baseRevisionId: head.id, content: contentWith('second') });
    expect(res.saved).toBe(true);
    expect(res.revision.number).toBe(2);
    expect(res.revision.contentHash).toBe(contentHash(contentWith('second')));
    const after = await getPrompt(ctx, 'draft');
    expect(after.headRevision?.id).toBe(res.revision.id);
  });

  it('writes nothing when the content equals the head, whatever the key order', async () => {
    const { ctx, promptId, head } = await newPrompt();
    const reordered = JSON.parse(
      JSON.stringify(contentWith('start'), [
        'model',
        'provider',
        'model',
        'params',
        'variables',
        'blocks',
        'enabled',
        'body',
        'title',
        'kind',
        'id',
      ]),
    );
    const res = await saveDraft(ctx, { promptId, baseRevisionId: head.id, content: reordered });
    expect(res).toMatchObject({ saved: false, revision: { id: head.id, number: 1 } });
    expect(await revisionNumbers(promptId)).toEqual([1]);
  });

  it('refuses a stale base with a conflict naming who moved the head', async () => {
    const { ctx, promptId, head } = await newPrompt();
    const other = await addMember(ctx, 'editor');
    const moved = await saveDraft(other, { promptId, baseRevisionId: head.id, content: contentWith('theirs') });
    const err = await saveDraft(ctx, { promptId, baseRevisionId: head.id, content: contentWith('mine') }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.details).toMatchObject({ headRevisionId: moved.revision.id, headNumber: 2, movedBy: 'A editor' });
    expect(err.message).toMatch(/r2/);
    expect(await revisionNumbers(promptId)).toEqual([1, 2]);
    // "Save mine on top": the same text against the new head succeeds.
    const onTop = await saveDraft(ctx, { promptId, baseRevisionId: moved.revision.id, content: contentWith('mine') });
    expect(onTop.revision.number).toBe(3);
  });

  it('20 concurrent saves from one base: exactly one winner, 19 conflicts, no gaps', async () => {
    const { ctx, promptId, head } = await newPrompt();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => saveDraft(ctx, { promptId, baseRevisionId: head.id, content: contentWith(`tab ${i}`) })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost.every((r) => (r.reason as { code?: string }).code === 'conflict')).toBe(true);
    expect(await revisionNumbers(promptId)).toEqual([1, 2]);
  });

  it('a chain of saves numbers revisions contiguously', async () => {
    const { ctx, promptId, head } = await newPrompt();
    let base = head.id;
    for (let i = 0; i < 10; i++)
      base = (await saveDraft(ctx, { promptId, baseRevisionId: base, content: contentWith(`v${i}`) })).revision.id;
    expect(await revisionNumbers(promptId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it("cannot save into another workspace's prompt", async () => {
    const { promptId, head } = await newPrompt();
    const outsider = await newTenant();
    expect(await errorCode(saveDraft(outsider, { promptId, baseRevisionId: head.id, content: contentWith('x') }))).toBe('not_found');
    expect(await revisionNumbers(promptId)).toEqual([1]);
  });
});
