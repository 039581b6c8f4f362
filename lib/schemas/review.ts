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
