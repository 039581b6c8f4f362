// Pages: sign-in redirect for visitors, 404 for non-members, the context for members.
import 'server-only';
import { notFound } from 'next/navigation';
import { requirePageUser } from '@/lib/auth';
import { authorize, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';

export async function workspacePage(workspaceSlug: string, returnTo: string): Promise<WorkspaceContext> {
  const user = await requirePageUser(returnTo);
  try {
    return await authorize(user.id, workspaceSlug, 'workspace.read');
  } catch (e) {
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'forbidden')) notFound();
    throw e;
  }
}

/** Runs a loader and turns its "not found" into Next's 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  }
}
