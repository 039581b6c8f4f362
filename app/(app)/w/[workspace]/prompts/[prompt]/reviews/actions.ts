'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { closeReview as closeReviewData, decideReview as decideReviewData, requestReview as requestReviewData, updateReviewToHead as updateReviewData } from '@/lib/data/reviews';
import { decideReviewSchema, requestReviewSchema, reviewRefSchema } from '@/lib/schemas/review';

const refresh = (workspace: string) => revalidatePath(`/w/${workspace}`, 'layout');

export const requestReview = action(requestReviewSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'review.request');
  const review = await requestReviewData(ctx, input);
  refresh(ctx.workspaceSlug);
  return review;
});

export const decideReview = action(decideReviewSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, input.decision === 'comment' ? 'prompt.read' : 'review.decide');
  await decideReviewData(ctx, input);
  refresh(ctx.workspaceSlug);
  return null;
});

export const updateReviewToHead = action(reviewRefSchema, async ({ workspace, promptId, reviewId }, user) => {
  const ctx = await authorize(user.id, workspace, 'review.request');
  const res = await updateReviewData(ctx, promptId, reviewId);
  refresh(ctx.workspaceSlug);
  return res;
});

export const closeReview = action(reviewRefSchema, async ({ workspace, promptId, reviewId }, user) => {
  const ctx = await authorize(user.id, workspace, 'review.request');
  await closeReviewData(ctx, promptId, reviewId);
  refresh(ctx.workspaceSlug);
  return null;
});
