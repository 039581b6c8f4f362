import { z } from 'zod';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const publishSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id,
  note: z.string().trim().min(1, 'Write a release note').max(2000, 'Release note must be at most 2,000 characters'),
});

export const rollbackSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, releaseId: id });
