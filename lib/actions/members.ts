'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { inviteMember as inviteMemberData, revokeInvitation as revokeInvitationData } from '@/lib/data/invitations';
import { changeRole as changeRoleData, removeMember as removeMemberData } from '@/lib/data/members';
import { issuePasswordReset as issuePasswordResetData } from '@/lib/data/password-resets';
import { tokenPath } from '@/lib/domain/one-time-token';
import {
  changeRoleSchema,
  inviteMemberSchema,
  issuePasswordResetSchema,
  removeMemberSchema,
  revokeInvitationSchema,
} from '@/lib/schemas/workspace';
import { revalidateSettings } from './revalidate';

/** Issues an invitation link; its token is in this answer only (the admin copies the link now). */
export const inviteMember = workspaceAction(inviteMemberSchema, 'member.invite', async ({ email, role }, ctx) => {
  const issued = await inviteMemberData(ctx, email, role);
  revalidateSettings(ctx);
  return { ...issued, path: tokenPath('invitation', issued.token) };
});

export const changeRole = workspaceAction(changeRoleSchema, 'member.role_change', async ({ membershipId, role }, ctx) => {
  await changeRoleData(ctx, membershipId, role);
  revalidateSettings(ctx);
  return null;
});

export const removeMember = workspaceAction(removeMemberSchema, 'member.remove', async ({ membershipId }, ctx) => {
  await removeMemberData(ctx, membershipId);
  revalidateSettings(ctx);
  return null;
});

export const revokeInvitation = workspaceAction(revokeInvitationSchema, 'member.invite', async ({ invitationId }, ctx) => {
  await revokeInvitationData(ctx, invitationId);
  revalidateSettings(ctx);
  return null;
});

/** Issues a one-time link that sets the member's password; its token is in this answer only. */
export const issuePasswordReset = workspaceAction(issuePasswordResetSchema, 'member.reset_password', async ({ membershipId }, ctx) => {
  const issued = await issuePasswordResetData(ctx, membershipId);
  return { ...issued, path: tokenPath('password_reset', issued.token) };
});
