import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { updatePromptPolicy, updateWorkspacePolicy } from '@/lib/data/policy';
import { createThread, deleteComment, editComment, listThreads, replyToThread, setThreadResolved } from '@/lib/data/review-comments';
import { getPublishCheck, publish } from '@/lib/data/publish';
import { closeReview, requestReview } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { systemContent } from '../factories';
import { addMember, errorCode, headRevisionId, newTenant, promptWithSaves } from './helpers';

async function setup() {
  const admin = await newTenant();
  const reviewer = await addMember(admin, 'reviewer');
  const viewer = await addMember(admin, 'viewer');
  const { promptId, headId, ids } = await promptWithSaves(admin, 'Commented', ['alpha\nbeta\ngamma']);
  const review = await requestReview(admin, { promptId, reviewerIds: [], title: 't', description: '' });
  // The revision the save made (r1 is the prompt's first, empty draft).
  const headNumber = [...ids.keys()][0]!;
  return { admin, reviewer, viewer, promptId, headId, headNumber, reviewId: review.id };
}

describe('review line comments', () => {
  it('anchors, replies, resolves, reopens, and goes outdated when the draft changes those lines', async () => {
    const { admin, reviewer, promptId, headId, reviewId } = await setup();
    const t = await createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 2, endLine: 2, body: 'Why **beta**?' });
    await replyToThread(admin, { threadId: t.id, body: 'Because.' });
    let [thread] = await listThreads(admin, promptId, { reviewId });
    expect(thread).toMatchObject({ snippet: 'beta', startLine: 2, resolved: false, anchor: { state: 'current' } });
    expect(thread!.comments.map((c) => c.body)).toEqual(['Why **beta**?', 'Because.']);

    await saveDraft(admin, { promptId, baseRevisionId: headId, content: systemContent('alpha\nBETA\ngamma') });
    [thread] = await listThreads(admin, promptId, { reviewId });
    expect(thread).toMatchObject({ snippet: 'beta', startLine: 2, anchor: { state: 'outdated', why: 'lines_changed' } });

    await setThreadResolved(reviewer, { threadId: t.id, resolved: true });
    expect((await listThreads(admin, promptId, { reviewId }))[0]!.resolved).toBe(true);
    await setThreadResolved(admin, { threadId: t.id, resolved: false });
    expect((await listThreads(admin, promptId, { reviewId }))[0]!.resolved).toBe(false);

    const prisma = await db();
    const actions = (
      await prisma.auditEvent.findMany({
        where: { workspaceId: admin.workspaceId, action: { startsWith: 'review.comment' } },
        orderBy: { createdAt: 'asc' },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(['review.comment.create', 'review.comment.reply', 'review.comment.resolve', 'review.comment.reopen']);
  });

  it('refuses bad ranges, viewers, other tenants, and edits of someone else’s comment', async () => {
    const { admin, reviewer, viewer, promptId, reviewId } = await setup();
    expect(await errorCode(createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 2, endLine: 9, body: 'x' }))).toBe(
      'invalid',
    );
    expect(await errorCode(createThread(reviewer, { promptId, reviewId, blockId: 'nope', startLine: 1, endLine: 1, body: 'x' }))).toBe(
      'invalid',
    );
    expect(await errorCode(createThread(viewer, { promptId, reviewId, blockId: 'sys', startLine: 1, endLine: 1, body: 'x' }))).toBe(
      'forbidden',
    );
    const other = await newTenant('Other');
    expect(await errorCode(createThread(other, { promptId, reviewId, blockId: 'sys', startLine: 1, endLine: 1, body: 'x' }))).toBe(
      'not_found',
    );

    const t = await createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 1, endLine: 3, body: 'mine' });
    const commentId = (await listThreads(admin, promptId, { reviewId }))[0]!.comments[0]!.id;
    expect(await errorCode(editComment(admin, { commentId, body: 'theirs' }))).toBe('forbidden');
    expect(await errorCode(replyToThread(other, { threadId: t.id, body: 'x' }))).toBe('not_found');
    await editComment(reviewer, { commentId, body: 'mine, edited' });
    expect((await listThreads(admin, promptId, { reviewId }))[0]!.comments[0]!.body).toBe('mine, edited');
    await deleteComment(reviewer, { commentId });
    expect((await listThreads(admin, promptId, { reviewId }))[0]!.comments[0]).toMatchObject({ deleted: true, body: '' });
    const prisma = await db();
    const edit = await prisma.auditEvent.findFirst({ where: { workspaceId: admin.workspaceId, action: 'review.comment.edit' } });
    expect(edit?.data).toMatchObject({ before: 'mine', after: 'mine, edited' });
    expect(await prisma.auditEvent.count({ where: { workspaceId: admin.workspaceId, action: 'review.comment.delete' } })).toBe(1);
  });

  it('the gate blocks publishing while a conversation is open when the policy asks, and names it', async () => {
    const { admin, reviewer, promptId, reviewId } = await setup();
    const t = await createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 1, endLine: 1, body: 'hm' });
    expect((await getPublishCheck(admin, promptId)).blockers.map((b) => b.code)).not.toContain('conversations');
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requireResolvedConversations: true });
    const closed = await getPublishCheck(admin, promptId);
    expect(closed.gate.allowed).toBe(false);
    expect(closed.blockers).toContainEqual({ code: 'conversations', message: '1 conversation is not resolved.' });
    await setThreadResolved(reviewer, { threadId: t.id, resolved: true });
    expect((await getPublishCheck(admin, promptId)).blockers.map((b) => b.code)).not.toContain('conversations');
  });

  it('the compare view comments on a revision by number; the review of that revision shows the thread too', async () => {
    const { admin, reviewer, promptId, headNumber, reviewId } = await setup();
    const t = await createThread(reviewer, {
      promptId,
      revisionNumber: headNumber,
      blockId: 'sys',
      startLine: 3,
      endLine: 3,
      body: 'gamma?',
    });
    const onRevision = await listThreads(admin, promptId, { revisionNumber: headNumber });
    expect(onRevision).toMatchObject([
      { id: t.id, reviewId: null, revisionNumber: headNumber, snippet: 'gamma', anchor: { state: 'current' } },
    ]);
    expect((await listThreads(admin, promptId, { reviewId })).map((x) => x.id)).toEqual([t.id]);
    expect(await listThreads(admin, promptId, { revisionNumber: headNumber + 5 })).toEqual([]);
    expect(
      await errorCode(
        createThread(reviewer, { promptId, revisionNumber: headNumber + 5, blockId: 'sys', startLine: 1, endLine: 1, body: 'x' }),
      ),
    ).toBe('not_found');
    const other = await newTenant('Other');
    expect(await errorCode(listThreads(other, promptId, { revisionNumber: headNumber }))).toBe('not_found');
    expect(await errorCode(setThreadResolved(other, { threadId: t.id, resolved: true }))).toBe('not_found');
    const prisma = await db();
    const created = await prisma.auditEvent.findFirst({ where: { workspaceId: admin.workspaceId, action: 'review.comment.create' } });
    expect(created?.data).toMatchObject({ review: null, revision: headNumber, lines: [3, 3] });
  });

  it('only the current conversation gates: open reviews, and compare-view threads newer than production', async () => {
    const { admin, reviewer, promptId, headId, headNumber, reviewId } = await setup();
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requireResolvedConversations: true });
    await createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 1, endLine: 1, body: 'on the review' });
    expect((await getPublishCheck(admin, promptId)).blockers.map((b) => b.code)).toContain('conversations');
    // A closed review's threads are history.
    await closeReview(admin, promptId, reviewId);
    expect((await getPublishCheck(admin, promptId)).blockers.map((b) => b.code)).not.toContain('conversations');

    // A compare-view thread on the head gates while nothing is published …
    await createThread(reviewer, { promptId, revisionNumber: headNumber, blockId: 'sys', startLine: 2, endLine: 2, body: 'on compare' });
    expect((await getPublishCheck(admin, promptId)).blockers).toContainEqual({
      code: 'conversations',
      message: '1 conversation is not resolved.',
    });
    // … and the per-prompt setting can switch the option off for this prompt alone.
    await updatePromptPolicy(admin, promptId, { requireResolvedConversations: false });
    const check = await getPublishCheck(admin, promptId);
    expect(check.gate.allowed).toBe(true);
    await publish(admin, { promptId, revisionId: headId, note: 'ships' });
    await updatePromptPolicy(admin, promptId, { requireResolvedConversations: null });
    // Production serves that revision now: its thread is about what shipped; one on the next gates.
    const r2 = (
      await saveDraft(admin, { promptId, baseRevisionId: await headRevisionId(promptId), content: systemContent('alpha\nbeta\ndelta') })
    ).revision;
    expect((await getPublishCheck(admin, promptId)).blockers.map((b) => b.code)).not.toContain('conversations');
    await createThread(reviewer, { promptId, revisionNumber: r2.number, blockId: 'sys', startLine: 3, endLine: 3, body: 'delta?' });
    expect((await getPublishCheck(admin, promptId)).blockers).toContainEqual({
      code: 'conversations',
      message: '1 conversation is not resolved.',
    });
  });
});
