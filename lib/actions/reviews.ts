'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import {
  closeReview as closeReviewData,
  decideReview as decideReviewData,
  requestReview as requestReviewData,
  updateReviewToHead as updateReviewData,
} from '@/lib/data/reviews';
import { decideReviewSchema, requestReviewSchema, reviewRefSchema } from '@/lib/schemas/review';
import { revalidateWorkspace } from './revalidate';

export const requestReview = workspaceAction(requestReviewSchema, 'review.request', async (input, ctx) => {
  const review = await requestReviewData(ctx, input);
  revalidateWorkspace(ctx);
  return review;
});

/** Approve, request changes or comment: all three are a reviewer's decision (lib/data checks it too). */
export const decideReview = workspaceAction(decideReviewSchema, 'review.decide', async (input, ctx) => {
  await decideReviewData(ctx, input);
  revalidateWorkspace(ctx);
  return null;
});

export const updateReviewToHead = workspaceAction(reviewRefSchema, 'review.request', async ({ promptId, reviewId }, ctx) => {
  const res = await updateReviewData(ctx, promptId, reviewId);
  revalidateWorkspace(ctx);
  return res;
});

export const closeReview = workspaceAction(reviewRefSchema, 'review.request', async ({ promptId, reviewId }, ctx) => {
  await closeReviewData(ctx, promptId, reviewId);
  revalidateWorkspace(ctx);
  return null;
});
