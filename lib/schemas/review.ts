import { z } from 'zod';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const requestReviewSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id.optional(),
  reviewerIds: z.array(id).max(20, 'At most 20 reviewers').default([]),
  title: z.string().trim().max(200, 'Title must be at most 200 characters').default(''),
  description: z.string().trim().max(5000, 'Description must be at most 5,000 characters').default(''),
});

export const decideReviewSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  reviewId: id,
  decision: z.enum(['approve', 'request_changes', 'comment']),
  comment: z.string().trim().max(5000, 'Comment must be at most 5,000 characters').default(''),
  expectedContentHash: z.string().regex(/^[0-9a-f]{64}$/, 'Invalid content hash'),
});

export const reviewRefSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, reviewId: id });

const commentBody = z.string().trim().min(1, 'Write a comment').max(5000, 'Comment must be at most 5,000 characters');
const line = z.coerce.number().int('Whole number').min(1, 'Lines start at 1');

// A thread is written on a review, or on the compare view on a revision (by its number).
export const createThreadSchema = z
  .object({
    workspace: workspaceSlugSchema,
    promptId: id,
    reviewId: id.optional(),
    revisionNumber: z.number().int().min(1).max(1_000_000_000).optional(),
    blockId: id,
    startLine: line,
    endLine: line,
    body: commentBody,
  })
  .refine((v) => (v.reviewId === undefined) !== (v.revisionNumber === undefined), {
    message: 'Comment on a review or on a revision: give reviewId or revisionNumber, not both',
    path: ['reviewId'],
  });
export const replySchema = z.object({ workspace: workspaceSlugSchema, threadId: id, body: commentBody });
export const resolveThreadSchema = z.object({ workspace: workspaceSlugSchema, threadId: id, resolved: z.boolean() });
export const editCommentSchema = z.object({ workspace: workspaceSlugSchema, commentId: id, body: commentBody });
export const deleteCommentSchema = z.object({ workspace: workspaceSlugSchema, commentId: id });
