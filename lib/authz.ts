// The only place that decides who may do what. Pages, actions and routes call
// `authorize()` with the workspace from the URL and an action; data functions then take
// the returned context, so an unauthorized call has nothing to pass them.
import 'server-only';
import { AppError } from '@/lib/errors';
import { findMembership, type MembershipDTO } from '@/lib/data/memberships';
import { ACTION_MIN_ROLE, can, isInvitee, mayResetPassword, type Action, type ResetScope, type Role } from '@/lib/authz-rules';

export { can, canReview, roleAtLeast, ROLES, ACTION_MIN_ROLE, REVIEWER_ROLES } from '@/lib/authz-rules';
export type { Action, ResetScope, Role } from '@/lib/authz-rules';

export interface WorkspaceContext {
  userId: string;
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  role: Role;
}

/**
 * Loads the caller's membership of the workspace named in the URL and checks `action`.
 * Non-members get 404, not 403, so workspace slugs do not leak.
 */
export async function authorize(userId: string, workspaceSlug: string, action: Action): Promise<WorkspaceContext> {
  return authorizeMembership(userId, await findMembership(userId, workspaceSlug), action);
}

/**
 * authorize() for a membership the caller has already read (a page takes it from the user's
 * list of workspaces, which its header shows anyway); null for a non-member is "not found".
 */
export function authorizeMembership(userId: string, membership: MembershipDTO | null, action: Action): WorkspaceContext {
  if (!membership) throw new AppError('not_found', 'Workspace not found');
  if (!can(membership.role, action)) {
    throw new AppError(
      'forbidden',
      `Your role (${membership.role}) cannot ${describe(action)}; it needs ${ACTION_MIN_ROLE[action]} or higher.`,
    );
  }
  return {
    userId,
    workspaceId: membership.workspaceId,
    workspaceSlug: membership.workspaceSlug,
    workspaceName: membership.workspaceName,
    role: membership.role,
  };
}

export function assertCan(ctx: WorkspaceContext, action: Action): void {
  if (!can(ctx.role, action)) {
    throw new AppError('forbidden', `Your role (${ctx.role}) cannot ${describe(action)}; it needs ${ACTION_MIN_ROLE[action]} or higher.`);
  }
}

/** Accepting or declining an invitation: only the account it was issued for, never just whoever has the link. */
export function assertInvitee(user: { email: string }, invitation: { email: string }): void {
  if (!isInvitee(user.email, invitation.email)) {
    throw new AppError(
      'forbidden',
      `This invitation is for ${invitation.email}, and you are signed in as ${user.email}. Sign in with ${invitation.email} to answer it.`,
    );
  }
}

/** Issuing a reset link for a member (after 'member.reset_password'): the link must reach no workspace beyond the issuer's. */
export function assertMayResetPassword(memberEmail: string, scopes: ResetScope[]): void {
  if (!mayResetPassword(scopes)) {
    throw new AppError(
      'forbidden',
      `${memberEmail} also belongs to workspaces you do not administer, so a reset link would reach them too. They can change their password on their account page.`,
    );
  }
}

function describe(action: Action): string {
  return action.replace(/[._]/g, ' ');
}
