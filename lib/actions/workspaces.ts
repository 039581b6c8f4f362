'use server';

import { action } from '@/lib/action';
import { createWorkspace as createWorkspaceData } from '@/lib/data/workspaces';
import { createWorkspaceSchema } from '@/lib/schemas/workspace';

// Any signed-in user may create a workspace: action() runs requireUser() first; they become its admin.
export const createWorkspace = action(createWorkspaceSchema, async ({ name }, user) => {
  const workspace = await createWorkspaceData(user.id, name);
  return { slug: workspace.slug };
});
