// Line comment threads, written on a review or on the compare view: anchored with
// lib/domain/comment-anchor.ts to the block, lines and snippet of a revision, and shown as
// outdated against the draft head. Loaded through the prompt in the actor's workspace; every
// change is audited.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { anchorAt, anchorState, type AnchorState, type ThreadSummary } from '@/lib/domain/comment-anchor';
import type { Content } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { servedRelease } from './releases';
import { names, promptOf, type Client } from './review-shared';

/**
 * Where a new thread anchors: the review's revision, or (from the compare view) a revision of
 * the prompt by number. Either is loaded through the prompt in the actor's workspace.
 */
async function anchorTarget(
  client: Client,
  ctx: WorkspaceContext,
  input: { promptId: string; reviewId?: string; revisionNumber?: number },
) {
  const prompt = await promptOf(client, ctx, input.promptId);
  const revisionSelect = { id: true, number: true, content: true } as const;
  if (input.reviewId) {
    const review = await client.review.findFirst({
      where: { id: input.reviewId, promptId: prompt.id },
      select: { id: true, revision: { select: revisionSelect } },
    });
    if (!review) throw new AppError('not_found', 'Review not found');
    return { prompt, reviewId: review.id, revision: review.revision };
  }
  // Without a number the query would match the prompt's first revision, whatever it is.
  if (input.revisionNumber === undefined) throw new AppError('invalid', 'Comment on a review or on a revision');
  const revision = await client.revision.findFirst({
    where: { promptId: prompt.id, number: input.revisionNumber },
    select: revisionSelect,
  });
  if (!revision) throw new AppError('not_found', `Revision r${input.revisionNumber} not found`);
  return { prompt, reviewId: null, revision };
}

async function threadOf(tx: Tx, ctx: WorkspaceContext, threadId: string) {
  const thread = await tx.reviewThread.findFirst({
    where: { id: threadId, prompt: { workspaceId: ctx.workspaceId } },
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
  input: {
    promptId: string;
    reviewId?: string;
    revisionNumber?: number;
    blockId: string;
    startLine: number;
    endLine: number;
    body: string;
  },
) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { prompt, reviewId, revision } = await anchorTarget(tx, ctx, input);
    const at = anchorAt(revision.content as unknown as Content, input.blockId, input.startLine, input.endLine);
    if (!at.ok) throw new AppError('invalid', at.message, { fieldErrors: { startLine: [at.message] } });
    const thread = await tx.reviewThread.create({
      data: {
        reviewId,
        promptId: prompt.id,
        revisionId: revision.id,
        ...at.anchor,
        createdById: ctx.userId,
        comments: { create: { authorId: ctx.userId, body: input.body } },
      },
      select: { id: true },
    });
    await audit(tx, ctx, 'review.comment.create', thread.id, {
      prompt: prompt.slug,
      review: reviewId,
      revision: revision.number,
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
    where: { id: commentId, deletedAt: null, thread: { prompt: { workspaceId: ctx.workspaceId } } },
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
  /** The review it was written on; null when written on the compare view. */
  reviewId: string | null;
  revisionNumber: number;
  blockId: string;
  startLine: number;
  endLine: number;
  snippet: string;
  resolved: boolean;
  anchor: AnchorState;
  comments: { id: string; authorId: string; authorName: string; body: string; deleted: boolean; edited: boolean; createdAt: Date }[];
}

/**
 * The threads on a review (its own, and those written on the compare view on its revision), or
 * on one revision (every thread anchored to it), each with its state against the draft head.
 */
export async function listThreads(
  ctx: WorkspaceContext,
  promptId: string,
  on: { reviewId: string } | { revisionNumber: number },
): Promise<ThreadView[]> {
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  let where: Prisma.ReviewThreadWhereInput;
  if ('reviewId' in on) {
    const review = await prisma.review.findFirst({
      where: { id: on.reviewId, promptId: prompt.id },
      select: { id: true, revisionId: true },
    });
    if (!review) throw new AppError('not_found', 'Review not found');
    where = { OR: [{ reviewId: review.id }, { reviewId: null, revisionId: review.revisionId }] };
  } else {
    where = { promptId: prompt.id, revision: { number: on.revisionNumber } };
  }
  const [head, rows] = await Promise.all([
    prompt.headRevision ? prisma.revision.findUnique({ where: { id: prompt.headRevision.id }, select: { content: true } }) : null,
    prisma.reviewThread.findMany({
      where,
      orderBy: { createdAt: 'asc' },
      include: { comments: { orderBy: { createdAt: 'asc' } }, revision: { select: { number: true } } },
    }),
  ]);
  const headContent = (head?.content ?? { blocks: [] }) as unknown as Content;
  const who = await names(
    prisma,
    rows.flatMap((t) => t.comments.map((c) => c.authorId)),
  );
  return rows.map((t) => ({
    id: t.id,
    reviewId: t.reviewId,
    revisionNumber: t.revision.number,
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

/**
 * For the publish gate: the prompt's unresolved threads, and the revision production serves
 * (needed only when one was written on the compare view). lib/domain decides which count.
 */
export async function threadSummaries(
  client: Client,
  promptId: string,
  workspaceId: string,
): Promise<{ threads: ThreadSummary[]; productionRevisionNumber: number | null }> {
  const rows = await client.reviewThread.findMany({
    where: { promptId, resolvedAt: null },
    select: { review: { select: { status: true } }, revision: { select: { number: true } } },
  });
  const threads = rows.map((r) => ({ resolved: false, reviewStatus: r.review?.status ?? null, revisionNumber: r.revision.number }));
  if (!threads.some((t) => t.reviewStatus === null)) return { threads, productionRevisionNumber: null };
  const served = await servedRelease(client, promptId, workspaceId);
  const release = served
    ? await client.release.findUnique({ where: { id: served.id }, select: { revision: { select: { number: true } } } })
    : null;
  return { threads, productionRevisionNumber: release?.revision.number ?? null };
}
