'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import {
  changeRole as changeRoleData,
  inviteMember as inviteMemberData,
  removeMember as removeMemberData,
  revokeInvitation as revokeInvitationData,
} from '@/lib/data/members';
import { changeRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema } from '@/lib/schemas/workspace';
import { revalidateSettings } from './revalidate';

export const inviteMember = workspaceAction(inviteMemberSchema, 'member.invite', async ({ email, role }, ctx) => {
  const outcome = await inviteMemberData(ctx, email, role);
  revalidateSettings(ctx);
  return outcome;
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
