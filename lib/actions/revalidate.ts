// What each kind of change makes stale. Actions call these after lib/data has committed;
// Next then sends the refreshed server components with the action's response, so clients
// need no router.refresh() of their own.
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { WorkspaceContext } from '@/lib/authz';

/** Every page of the workspace: prompt lists, the prompt layout's publish bar, reviews. */
export const revalidateWorkspace = (ctx: WorkspaceContext) => revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');

/** The workspace settings page only. */
export const revalidateSettings = (ctx: WorkspaceContext) => revalidatePath(`/w/${ctx.workspaceSlug}/settings`);

/** The dashboard's prompt list only. */
export const revalidateDashboard = (ctx: WorkspaceContext) => revalidatePath(`/w/${ctx.workspaceSlug}`);
