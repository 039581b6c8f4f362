'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { revalidatePath } from 'next/cache';
import { workspaceAction } from '@/lib/action';
import { previewInclude as previewIncludeData, updateIncludes as updateIncludesData } from '@/lib/data/dependents';
import { previewIncludeSchema, updateIncludesSchema } from '@/lib/schemas/includes';

/** The release an include block would stand for, shown read-only in its card. */
export const previewInclude = workspaceAction(previewIncludeSchema, 'prompt.read', async ({ promptId, promptSlug, pin }, ctx) =>
  previewIncludeData(ctx, promptId, { promptSlug, pin }),
);

/** Update: a new revision whose production-pinned includes take the production release now. */
export const updateIncludes = workspaceAction(updateIncludesSchema, 'draft.save', async ({ promptId, baseRevisionId }, ctx) => {
  const { saved, revision } = await updateIncludesData(ctx, promptId, baseRevisionId);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return { saved, revision: { id: revision.id, number: revision.number } };
});
