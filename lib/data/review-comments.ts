// Line comment threads on a review: anchored with lib/domain/comment-anchor.ts to the block,
// lines and snippet of the review's revision, and shown as outdated against the draft head.
// Loaded through the review's prompt in the actor's workspace; every change is audited.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { anchorAt, anchorState, type AnchorState } from '@/lib/domain/comment-anchor';
import type { Content } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { names, promptOf, type Client } from './review-shared';

async function reviewOf(client: Client, ctx: WorkspaceContext, promptId: string, reviewId: string) {
  const prompt = await promptOf(client, ctx, promptId);
  const review = await client.review.findFirst({
    where: { id: reviewId, promptId: prompt.id },
    select: { id: true, revision: { select: { content: true } } },
  });
  if (!review) throw new AppError('not_found', 'Review not found');
  return { prompt, review, content: review.revision.content as unknown as Content };
}

async function threadOf(tx: Tx, ctx: WorkspaceContext, threadId: string) {
  const thread = await tx.reviewThread.findFirst({
    where: { id: threadId, review: { prompt: { workspaceId: ctx.workspaceId } } },
    select: { id: true, reviewId: true, promptId: true, resolvedAt: true },
  });
  if (!thread) throw new AppError('not_found', 'Conversation not found');
  return thread;
}

function audit(tx: Tx, ctx: WorkspaceContext, action: string, targetId: string, data: Parameters<typeof recordAudit>[1]['data']) {
  return recordAudit(tx, { workspaceId: ctx.workspaceId, actorId: ctx.userId, action, targetType: 'review_comment', targetId, data });
}

export async function createThread(
  ctx: WorkspaceContext,
  input: { promptId: string; reviewId: string; blockId: string; startLine: number; endLine: number; body: string },
) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { prompt, review, content } = await reviewOf(tx, ctx, input.promptId, input.reviewId);
    const at = anchorAt(content, input.blockId, input.startLine, input.endLine);
    if (!at.ok) throw new AppError('invalid', at.message, { fieldErrors: { startLine: [at.message] } });
    const thread = await tx.reviewThread.create({
      data: {
        reviewId: review.id,
        promptId: prompt.id,
        ...at.anchor,
        createdById: ctx.userId,
        comments: { create: { authorId: ctx.userId, body: input.body } },
      },
      select: { id: true },
    });
    await audit(tx, ctx, 'review.comment.create', thread.id, {
      prompt: prompt.slug,
      review: review.id,
      blockId: input.blockId,
      lines: [input.startLine, input.endLine],
    });
    return thread;
  });
}

export async function replyToThread(ctx: WorkspaceContext, input: { threadId: string; body: string }) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const thread = await threadOf(tx, ctx, input.threadId);
    const c = await tx.reviewComment.create({
      data: { threadId: thread.id, authorId: ctx.userId, body: input.body },
      select: { id: true },
    });
    await audit(tx, ctx, 'review.comment.reply', c.id, { thread: thread.id });
    return c;
  });
}

export async function setThreadResolved(ctx: WorkspaceContext, input: { threadId: string; resolved: boolean }) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const thread = await threadOf(tx, ctx, input.threadId);
    await tx.reviewThread.update({
      where: { id: thread.id },
      data: input.resolved ? { resolvedAt: new Date(), resolvedById: ctx.userId } : { resolvedAt: null, resolvedById: null },
    });
    await audit(tx, ctx, input.resolved ? 'review.comment.resolve' : 'review.comment.reopen', thread.id, {});
  });
}

async function ownComment(tx: Tx, ctx: WorkspaceContext, commentId: string) {
  const c = await tx.reviewComment.findFirst({
    where: { id: commentId, deletedAt: null, thread: { review: { prompt: { workspaceId: ctx.workspaceId } } } },
    select: { id: true, authorId: true, body: true, threadId: true },
  });
  if (!c) throw new AppError('not_found', 'Comment not found');
  if (c.authorId !== ctx.userId) throw new AppError('forbidden', 'You can only change your own comments.');
  return c;
}

export async function editComment(ctx: WorkspaceContext, input: { commentId: string; body: string }) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const c = await ownComment(tx, ctx, input.commentId);
    await tx.reviewComment.update({ where: { id: c.id }, data: { body: input.body } });
    await audit(tx, ctx, 'review.comment.edit', c.id, { before: c.body, after: input.body });
  });
}

/** Soft delete: the thread keeps its place and says the comment was deleted. */
export async function deleteComment(ctx: WorkspaceContext, input: { commentId: string }) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const c = await ownComment(tx, ctx, input.commentId);
    await tx.reviewComment.update({ where: { id: c.id }, data: { deletedAt: new Date(), body: '' } });
    await audit(tx, ctx, 'review.comment.delete', c.id, { before: c.body });
  });
}

export interface ThreadView {
  id: string;
  blockId: string;
  startLine: number;
  endLine: number;
  snippet: string;
  resolved: boolean;
  anchor: AnchorState;
  comments: { id: string; authorId: string; authorName: string; body: string; deleted: boolean; edited: boolean; createdAt: Date }[];
}

/** The review's threads, each with its state against the prompt's draft head. */
export async function listThreads(ctx: WorkspaceContext, promptId: string, reviewId: string): Promise<ThreadView[]> {
  const prisma = await db();
  const { prompt, review } = await reviewOf(prisma, ctx, promptId, reviewId);
  const head = prompt.headRevision
    ? await prisma.revision.findUnique({ where: { id: prompt.headRevision.id }, select: { content: true } })
    : null;
  const headContent = (head?.content ?? { blocks: [] }) as unknown as Content;
  const rows = await prisma.reviewThread.findMany({
    where: { reviewId: review.id },
    orderBy: { createdAt: 'asc' },
    include: { comments: { orderBy: { createdAt: 'asc' } } },
  });
  const who = await names(
    prisma,
    rows.flatMap((t) => t.comments.map((c) => c.authorId)),
  );
  return rows.map((t) => ({
    id: t.id,
    blockId: t.blockId,
    startLine: t.startLine,
    endLine: t.endLine,
    snippet: t.snippet,
    resolved: t.resolvedAt !== null,
    anchor: anchorState(t, headContent),
    comments: t.comments.map((c) => ({
      id: c.id,
      authorId: c.authorId,
      authorName: who.get(c.authorId) ?? 'unknown',
      body: c.body,
      deleted: c.deletedAt !== null,
      edited: c.updatedAt.getTime() - c.createdAt.getTime() > 1000,
      createdAt: c.createdAt,
    })),
  }));
}

/** For the publish gate: every thread on any review of the prompt. */
export async function threadSummaries(client: Client, promptId: string) {
  const rows = await client.reviewThread.findMany({ where: { promptId }, select: { resolvedAt: true } });
  return rows.map((r) => ({ resolved: r.resolvedAt !== null }));
}
