// Pages: sign-in redirect for visitors, 404 for non-members, the context for members.
import 'server-only';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requirePageUser } from '@/lib/auth';
import { authorizeMembership, type WorkspaceContext } from '@/lib/authz';
import { listMyWorkspaces } from '@/lib/data/memberships';
import { AppError, isAppError } from '@/lib/errors';
import { clientAddress } from '@/lib/request-context';
import { throttledTokenUse } from '@/lib/sign-in-throttle';

/** The requested path (set by proxy.ts), so sign-in can return to it. */
export async function requestedPath(fallback: string): Promise<string> {
  const path = (await headers()).get('x-galley-path');
  return path && path.startsWith('/') && !path.startsWith('//') ? path : fallback;
}

/** The signed-in user's workspaces, once per request: the workspace header lists them. */
export const myWorkspaces = cache((userId: string) => listMyWorkspaces(userId));

// The workspace layout, the prompt layout and the page each ask for the membership: it is one
// of the user's workspaces, which the header reads anyway, so it costs no query of its own.
const memberContext = cache(async (userId: string, workspaceSlug: string) =>
  authorizeMembership(userId, (await myWorkspaces(userId)).find((m) => m.workspaceSlug === workspaceSlug) ?? null, 'workspace.read'),
);

export async function workspacePage(workspaceSlug: string, returnTo: string): Promise<WorkspaceContext> {
  const user = await requirePageUser(await requestedPath(returnTo));
  try {
    return await memberContext(user.id, workspaceSlug);
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

/**
 * An invitation or reset link page's lookup of its token, under the address's throttle: what
 * the token names (null when it was never issued), or the wait message for an address that has
 * guessed too often.
 */
export async function lookUpLinkToken<T>(lookup: () => Promise<T | null>): Promise<{ found: T | null } | { throttled: string }> {
  try {
    return { found: await throttledTokenUse(await clientAddress(), lookup) };
  } catch (e) {
    if (isAppError(e) && e.code === 'rate_limited') return { throttled: e.message };
    throw e;
  }
}
