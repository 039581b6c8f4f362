'use server';

// Line comments on a review. workspaceAction authorizes review.decide; lib/data checks it
// again, scopes every row to the workspace and lets only the author edit or delete.
import { workspaceAction } from '@/lib/action';
import * as data from '@/lib/data/review-comments';
import { createThreadSchema, deleteCommentSchema, editCommentSchema, replySchema, resolveThreadSchema } from '@/lib/schemas/review';
import { revalidateWorkspace } from './revalidate';

export const createThread = workspaceAction(createThreadSchema, 'review.decide', async (input, ctx) => {
  const t = await data.createThread(ctx, input);
  revalidateWorkspace(ctx);
  return t;
});

export const replyToThread = workspaceAction(replySchema, 'review.decide', async (input, ctx) => {
  const c = await data.replyToThread(ctx, input);
  revalidateWorkspace(ctx);
  return c;
});

export const setThreadResolved = workspaceAction(resolveThreadSchema, 'review.decide', async (input, ctx) => {
  await data.setThreadResolved(ctx, input);
  revalidateWorkspace(ctx);
  return null;
});

export const editComment = workspaceAction(editCommentSchema, 'review.decide', async (input, ctx) => {
  await data.editComment(ctx, input);
  revalidateWorkspace(ctx);
  return null;
});

export const deleteComment = workspaceAction(deleteCommentSchema, 'review.decide', async (input, ctx) => {
  await data.deleteComment(ctx, input);
  revalidateWorkspace(ctx);
  return null;
});
