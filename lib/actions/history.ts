'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { revalidatePath } from 'next/cache';
import { workspaceAction } from '@/lib/action';
import { restoreRevision as restoreRevisionData } from '@/lib/data/history';
import { restoreRevisionSchema } from '@/lib/schemas/history';
import { revalidateDashboard } from './revalidate';

export const restoreRevision = workspaceAction(restoreRevisionSchema, 'revision.restore', async ({ promptId, revisionId }, ctx) => {
  const result = await restoreRevisionData(ctx, promptId, revisionId);
  // The draft head moved: the prompt's pages and the workspace's prompt list show it.
  revalidatePath('/(app)/w/[workspace]/prompts/[prompt]', 'layout');
  revalidateDashboard(ctx);
  return result;
});
