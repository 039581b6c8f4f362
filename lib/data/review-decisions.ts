// The approval half of reviews: the decisions the publish gate counts, and recording one
// (refused when the chain's open stage, self-approval or designated reviewers say no).
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { approvalRefusal, chainFor, evaluateChain, isStaged, type ChainDecision } from '@/lib/domain/approval-chain';
import type { Decision } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import { describeSteps, loadChain, memberRoles } from './approval-chain';
import { recordAudit } from './audit';
import { emitEvent } from './outbox';
import { db } from './db';
import { loadPolicies } from './policy';
import { names, promptOf, type Client } from './review-shared';

/** Every decision on any review of the prompt, with the reviewer's current role, as the gate wants them. */
export async function loadDecisions(client: Client, promptId: string, workspaceId: string): Promise<ChainDecision[]> {
  const rows = await client.approval.findMany({
    where: { review: { promptId } },
    orderBy: { createdAt: 'asc' },
    select: {
      reviewerId: true,
      decision: true,
      contentHash: true,
      createdAt: true,
      comment: true,
      review: { select: { revision: { select: { number: true, contentHash: true } } } },
    },
  });
  // No decisions yet (the common case on a prompt's pages): nothing to name or number.
  if (rows.length === 0) return [];
  const byHash = new Map<string, number>();
  const revs = await client.revision.findMany({
    where: { promptId, contentHash: { in: [...new Set(rows.map((r) => r.contentHash))] } },
    select: { number: true, contentHash: true },
  });
  for (const r of revs) byHash.set(r.contentHash, Math.max(byHash.get(r.contentHash) ?? 0, r.number));
  const [who, roles] = await Promise.all([
    names(
      client,
      rows.map((r) => r.reviewerId),
    ),
    memberRoles(
      client,
      workspaceId,
      rows.map((r) => r.reviewerId),
    ),
  ]);
  return rows.map((r) => ({
    reviewerId: r.reviewerId,
    reviewerRole: roles.get(r.reviewerId) ?? null,
    reviewerName: who.get(r.reviewerId) ?? 'unknown',
    decision: r.decision,
    contentHash: r.contentHash,
    revisionNumber: byHash.get(r.contentHash) ?? r.review.revision.number,
    createdAt: r.createdAt,
  }));
}

export async function decideReview(
  ctx: WorkspaceContext,
  input: { promptId: string; reviewId: string; decision: Decision['decision']; comment: string; expectedContentHash: string },
) {
  assertCan(ctx, 'review.decide');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const prompt = await promptOf(tx, ctx, input.promptId);
    const review = await tx.review.findFirst({
      where: { id: input.reviewId, promptId: prompt.id },
      select: { id: true, status: true, contentHash: true, requestedById: true, revision: { select: { number: true, createdById: true } } },
    });
    if (!review) throw new AppError('not_found', 'Review not found');
    if (review.status !== 'open') throw new AppError('conflict', 'This review is closed');
    if (review.contentHash !== input.expectedContentHash)
      throw new AppError(
        'conflict',
        `This review was updated to r${review.revision.number} while you were reading it. Reload to see the latest diff.`,
      );
    if (input.decision === 'approve') {
      const { effective } = await loadPolicies(tx, ctx, prompt.id);
      const chain = await loadChain(tx, ctx);
      const links = chainFor(effective, chain, prompt.tags);
      if (isStaged(chain, links)) {
        const authorIds = [review.requestedById, review.revision.createdById];
        const evaluation = evaluateChain(links, await loadDecisions(tx, prompt.id, ctx.workspaceId), {
          contentHash: review.contentHash,
          authorIds,
          policy: effective,
        });
        const who = (await describeSteps(tx, evaluation.steps))[evaluation.current]?.who ?? '';
        const user = { id: ctx.userId, role: ctx.role, isAuthor: authorIds.includes(ctx.userId) };
        const refusal = approvalRefusal(evaluation, links, user, effective, () => who);
        if (refusal) throw new AppError('forbidden', refusal);
      } else if (!effective.allowSelfApproval && [review.requestedById, review.revision.createdById].includes(ctx.userId)) {
        throw new AppError('forbidden', 'Authors may not approve their own change in this workspace.');
      }
      if (!isStaged(chain, links) && effective.designatedReviewerIds.length && !effective.designatedReviewerIds.includes(ctx.userId)) {
        throw new AppError('forbidden', 'Only the designated reviewers may approve this prompt.');
      }
    }
    if (input.decision !== 'approve' && !input.comment.trim()) {
      throw new AppError('invalid', 'Say what should change', { fieldErrors: { comment: ['A comment is required'] } });
    }
    await tx.approval.create({
      data: {
        reviewId: review.id,
        reviewerId: ctx.userId,
        decision: input.decision,
        comment: input.comment,
        contentHash: review.contentHash,
      },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: `review.${input.decision}`,
      targetType: 'review',
      targetId: review.id,
      data: { prompt: prompt.slug, revision: review.revision.number, comment: input.comment },
    });
    const link = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/reviews/${review.id}`;
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'review.decided',
      actorId: ctx.userId,
      data: {
        prompt: { id: prompt.id, slug: prompt.slug },
        revision: { number: review.revision.number },
        review: { id: review.id, decision: input.decision },
        link,
      },
      notify: {
        kind: 'review.decided',
        title:
          input.decision === 'approve'
            ? `Your review of ${prompt.slug} r${review.revision.number} was approved`
            : `Changes requested on ${prompt.slug} r${review.revision.number}`,
        link,
        to: { users: [review.requestedById] },
      },
    });
  });
}
