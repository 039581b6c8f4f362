import { z } from 'zod';
import { contentSchema } from '@/lib/domain/content';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const saveDraftSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  baseRevisionId: id,
  content: contentSchema,
});
export type SaveDraftInput = z.input<typeof saveDraftSchema>;

export const loadDraftHeadSchema = z.object({ workspace: workspaceSlugSchema, promptId: id });

export const loadPublishDiffSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionNumber: z.number().int().min(1).max(2_147_483_647),
});
