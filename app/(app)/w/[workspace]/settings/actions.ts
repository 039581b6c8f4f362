'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { changeRole as changeRoleData, inviteMember as inviteMemberData, removeMember as removeMemberData, revokeInvitation as revokeInvitationData } from '@/lib/data/members';
import { updateWorkspacePolicy as updateWorkspacePolicyData } from '@/lib/data/policy';
import { workspacePolicySchema } from '@/lib/schemas/policy';
import { changeRoleSchema, inviteMemberSchema, removeMemberSchema, revokeInvitationSchema } from '@/lib/schemas/workspace';

export const inviteMember = action(inviteMemberSchema, async ({ workspace, email, role }, user) => {
  const ctx = await authorize(user.id, workspace, 'member.invite');
  const outcome = await inviteMemberData(ctx, email, role);
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return outcome;
});

export const changeRole = action(changeRoleSchema, async ({ workspace, membershipId, role }, user) => {
  const ctx = await authorize(user.id, workspace, 'member.role_change');
  await changeRoleData(ctx, membershipId, role);
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return null;
});

export const removeMember = action(removeMemberSchema, async ({ workspace, membershipId }, user) => {
  const ctx = await authorize(user.id, workspace, 'member.remove');
  await removeMemberData(ctx, membershipId);
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return null;
});

export const revokeInvitation = action(revokeInvitationSchema, async ({ workspace, invitationId }, user) => {
  const ctx = await authorize(user.id, workspace, 'member.invite');
  await revokeInvitationData(ctx, invitationId);
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return null;
});

export const updateWorkspacePolicy = action(workspacePolicySchema, async ({ workspace, ...policy }, user) => {
  const ctx = await authorize(user.id, workspace, 'policy.change');
  await updateWorkspacePolicyData(ctx, policy);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return null;
});
