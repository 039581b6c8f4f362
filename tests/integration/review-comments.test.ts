import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { getPublishCheck } from '@/lib/data/publish';
import { createThread, deleteComment, editComment, listThreads, replyToThread, setThreadResolved } from '@/lib/data/review-comments';
import { requestReview } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { systemContent } from '../factories';
import { addMember, errorCode, newTenant, promptWithSaves } from './helpers';

async function setup() {
  const admin = await newTenant();
  const reviewer = await addMember(admin, 'reviewer');
  const viewer = await addMember(admin, 'viewer');
  const { promptId, headId } = await promptWithSaves(admin, 'Commented', ['alpha\nbeta\ngamma']);
  const review = await requestReview(admin, { promptId, reviewerIds: [], title: 't', description: '' });
  return { admin, reviewer, viewer, promptId, headId, reviewId: review.id };
}

describe('review line comments', () => {
  it('anchors, replies, resolves, reopens, and goes outdated when the draft changes those lines', async () => {
    const { admin, reviewer, promptId, headId, reviewId } = await setup();
    const t = await createThread(reviewer, { promptId, reviewId, blockId: 'sys', startLine: 2, endLine: 2, body: 'Why **beta**?' });
    await replyToThread(admin, { threadId: t.id, body: 'Because.' });
    let [thread] = await listThreads(admin, promptId, reviewId);
    expect(thread).toMatchObject({ snippet: 'beta', startLine: 2, resolved: false, anchor: { state: 'current' } });
    expect(thread!.comments.map((c) => c.body)).toEqual(['Why **beta**?', 'Because.']);

    await saveDraft(admin, { promptId, baseRevisionId: headId, content: systemContent('alpha\nBETA\ngamma') });
    [thread] = await listThreads(admin, promptId, reviewId);
    expect(thread).toMatchObject({ snippet: 'beta', startLine: 2, anchor: { state: 'outdated', why: 'lines_changed' } });

    await setThreadResolved(reviewer, { threadId: t.id, resolved: true });
    expect((await listThreads(admin, promptId, reviewId))[0]!.resolved).toBe(true);
    await setThreadResolved(admin, { threadId: t.id, resolved: false });
    expect((await listThreads(admin, promptId, reviewId))[0]!.resolved).toBe(false);

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
    const commentId = (await listThreads(admin, promptId, reviewId))[0]!.comments[0]!.id;
    expect(await errorCode(editComment(admin, { commentId, body: 'theirs' }))).toBe('forbidden');
    expect(await errorCode(replyToThread(other, { threadId: t.id, body: 'x' }))).toBe('not_found');
    await editComment(reviewer, { commentId, body: 'mine, edited' });
    expect((await listThreads(admin, promptId, reviewId))[0]!.comments[0]!.body).toBe('mine, edited');
    await deleteComment(reviewer, { commentId });
    expect((await listThreads(admin, promptId, reviewId))[0]!.comments[0]).toMatchObject({ deleted: true, body: '' });
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
});
