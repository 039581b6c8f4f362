import { z } from 'zod';
import { workspaceSlugSchema } from './workspace';

const idSchema = z.string().min(1).max(64);

export const restoreRevisionSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: idSchema,
  revisionId: idSchema,
});
export type RestoreRevisionInput = z.infer<typeof restoreRevisionSchema>;

/** `?before=N` on the history page; anything else is treated as absent (the newest page). */
export const historyQuerySchema = z.object({
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional().catch(undefined),
});
