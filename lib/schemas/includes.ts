import { z } from 'zod';
import { includePinSchema } from '@/lib/domain/content';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const previewIncludeSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  promptSlug: z.string().min(1).max(64),
  pin: includePinSchema,
});

export const updateIncludesSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, baseRevisionId: id });
