'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { restoreRevision as restoreRevisionData } from '@/lib/data/history';
import { restoreRevisionSchema } from '@/lib/schemas/history';

export const restoreRevision = action(restoreRevisionSchema, async ({ workspace, promptId, revisionId }, user) => {
  const ctx = await authorize(user.id, workspace, 'revision.restore');
  const result = await restoreRevisionData(ctx, promptId, revisionId);
  // The draft head moved: the prompt's pages and the workspace's prompt list show it.
  revalidatePath('/(app)/w/[workspace]/prompts/[prompt]', 'layout');
  revalidatePath(`/w/${ctx.workspaceSlug}`);
  return result;
});
