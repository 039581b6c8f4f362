import 'server-only';
import { assertCan, REVIEWER_ROLES, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { emitEvent } from './outbox';
import { db } from './db';
import { loadDecisions } from './review-decisions';
import { names, promptOf } from './review-shared';

// Approvals live in ./review-decisions; re-exported so callers keep one import for reviews.
export { decideReview, loadDecisions } from './review-decisions';

export async function requestReview(
  ctx: WorkspaceContext,
  input: { promptId: string; revisionId?: string; reviewerIds: string[]; title: string; description: string },
) {
  assertCan(ctx, 'review.request');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const prompt = await promptOf(tx, ctx, input.promptId);
    const revision = input.revisionId
      ? await tx.revision.findFirst({
          where: { id: input.revisionId, promptId: prompt.id },
          select: { id: true, number: true, contentHash: true },
        })
      : prompt.headRevision;
    if (!revision) throw new AppError('not_found', 'Revision not found');
    if (input.reviewerIds.length) {
      const ok = await tx.membership.count({
        where: { workspaceId: ctx.workspaceId, userId: { in: input.reviewerIds }, role: { in: REVIEWER_ROLES } },
      });
      if (ok !== new Set(input.reviewerIds).size)
        throw new AppError('invalid', 'Reviewers must be members with the reviewer role or higher', {
          fieldErrors: { reviewerIds: ['Pick members with the reviewer role or higher'] },
        });
    }
    const review = await tx.review.create({
      data: {
        promptId: prompt.id,
        revisionId: revision.id,
        contentHash: revision.contentHash,
        reviewerIds: [...new Set(input.reviewerIds)],
        title: input.title || `Publish r${revision.number}`,
        description: input.description,
        requestedById: ctx.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'review.request',
      targetType: 'review',
      targetId: review.id,
      data: { prompt: prompt.slug, revision: revision.number, reviewers: input.reviewerIds },
    });
    const link = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/reviews/${review.id}`;
    const title = input.title || `Publish r${revision.number}`;
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'review.requested',
      actorId: ctx.userId,
      data: {
        prompt: { id: prompt.id, slug: prompt.slug },
        revision: { id: revision.id, number: revision.number },
        review: { id: review.id, title },
        link,
      },
      // Named reviewers, or else everyone who may decide it.
      notify: {
        kind: 'review.requested',
        title: `Review requested: ${prompt.slug} r${revision.number} (${title})`,
        link,
        to: input.reviewerIds.length ? { users: input.reviewerIds } : { roles: REVIEWER_ROLES },
      },
    });
    return { id: review.id, revisionNumber: revision.number };
  });
}

/** Moves an open review to the current draft head (like pushing to a pull request). Earlier approvals stay, and are stale. */
export async function updateReviewToHead(ctx: WorkspaceContext, promptId: string, reviewId: string) {
  assertCan(ctx, 'review.request');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const prompt = await promptOf(tx, ctx, promptId);
    const review = await tx.review.findFirst({
      where: { id: reviewId, promptId: prompt.id },
      select: { id: true, status: true, revision: { select: { number: true } } },
    });
    if (!review) throw new AppError('not_found', 'Review not found');
    if (review.status !== 'open') throw new AppError('conflict', 'This review is closed');
    const head = prompt.headRevision!;
    await tx.review.update({ where: { id: review.id }, data: { revisionId: head.id, contentHash: head.contentHash } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'review.update',
      targetType: 'review',
      targetId: review.id,
      data: { from: review.revision.number, to: head.number },
    });
    return { revisionNumber: head.number };
  });
}

export async function closeReview(ctx: WorkspaceContext, promptId: string, reviewId: string) {
  assertCan(ctx, 'review.request');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const prompt = await promptOf(tx, ctx, promptId);
    const review = await tx.review.findFirst({ where: { id: reviewId, promptId: prompt.id, status: 'open' }, select: { id: true } });
    if (!review) throw new AppError('not_found', 'Open review not found');
    await tx.review.update({ where: { id: review.id }, data: { status: 'closed' } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'review.close',
      targetType: 'review',
      targetId: review.id,
      data: { prompt: prompt.slug },
    });
  });
}

const reviewListSelect = {
  id: true,
  title: true,
  status: true,
  contentHash: true,
  reviewerIds: true,
  requestedById: true,
  createdAt: true,
  revision: { select: { number: true } },
  prompt: { select: { slug: true, name: true, headRevision: { select: { number: true, contentHash: true } } } },
  approvals: { select: { reviewerId: true, decision: true, contentHash: true }, orderBy: { createdAt: 'asc' as const } },
};

function shapeListItem(
  r: {
    id: string;
    title: string;
    status: string;
    contentHash: string;
    reviewerIds: string[];
    requestedById: string;
    createdAt: Date;
    revision: { number: number };
    prompt: { slug: string; name: string; headRevision: { number: number; contentHash: string } | null };
    approvals: { reviewerId: string; decision: string; contentHash: string }[];
  },
  who: Map<string, string>,
) {
  const current = r.approvals.filter((a) => a.contentHash === r.contentHash && a.decision !== 'comment');
  const latest = new Map(current.map((a) => [a.reviewerId, a.decision]));
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    promptSlug: r.prompt.slug,
    promptName: r.prompt.name,
    revisionNumber: r.revision.number,
    headNumber: r.prompt.headRevision?.number ?? null,
    outdated: r.prompt.headRevision?.contentHash !== r.contentHash,
    requestedBy: who.get(r.requestedById) ?? 'unknown',
    reviewerIds: r.reviewerIds,
    approvals: [...latest.values()].filter((d) => d === 'approve').length,
    changesRequested: [...latest.values()].filter((d) => d === 'request_changes').length,
    createdAt: r.createdAt,
  };
}

export type ReviewListItem = ReturnType<typeof shapeListItem>;

export async function listPromptReviews(ctx: WorkspaceContext, promptId: string): Promise<ReviewListItem[]> {
  const prisma = await db();
  await promptOf(prisma, ctx, promptId);
  const rows = await prisma.review.findMany({ where: { promptId }, orderBy: { createdAt: 'desc' }, take: 100, select: reviewListSelect });
  const who = await names(
    prisma,
    rows.map((r) => r.requestedById),
  );
  return rows.map((r) => shapeListItem(r, who));
}

/** Open reviews in the workspace; `mine` marks those naming the caller (or naming nobody). */
export async function listReviewQueue(ctx: WorkspaceContext): Promise<(ReviewListItem & { forMe: boolean })[]> {
  const prisma = await db();
  const rows = await prisma.review.findMany({
    where: { prompt: { workspaceId: ctx.workspaceId }, status: 'open' },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: reviewListSelect,
  });
  const who = await names(
    prisma,
    rows.map((r) => r.requestedById),
  );
  return rows.map((r) => ({
    ...shapeListItem(r, who),
    forMe: r.requestedById !== ctx.userId && (r.reviewerIds.length === 0 || r.reviewerIds.includes(ctx.userId)),
  }));
}

export async function getReview(ctx: WorkspaceContext, promptId: string, reviewId: string) {
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const review = await prisma.review.findFirst({
    where: { id: reviewId, promptId: prompt.id },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      contentHash: true,
      reviewerIds: true,
      requestedById: true,
      createdAt: true,
      revision: { select: { id: true, number: true, content: true, createdById: true } },
      approvals: {
        orderBy: { createdAt: 'asc' },
        select: { id: true, reviewerId: true, decision: true, comment: true, contentHash: true, createdAt: true },
      },
    },
  });
  if (!review) throw new AppError('not_found', 'Review not found');
  const who = await names(prisma, [review.requestedById, ...review.reviewerIds, ...review.approvals.map((a) => a.reviewerId)]);
  const decisions = await loadDecisions(prisma, prompt.id, ctx.workspaceId);
  const numberOf = new Map(decisions.map((d) => [d.contentHash, d.revisionNumber]));
  return {
    ...review,
    requestedBy: who.get(review.requestedById) ?? 'unknown',
    reviewers: review.reviewerIds.map((id) => ({ id, name: who.get(id) ?? 'unknown' })),
    approvals: review.approvals.map((a) => ({
      ...a,
      reviewerName: who.get(a.reviewerId) ?? 'unknown',
      revisionNumber: numberOf.get(a.contentHash) ?? review.revision.number,
      stale: a.contentHash !== review.contentHash,
    })),
    head: prompt.headRevision,
  };
}
