'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { updateApprovalChain as updateApprovalChainData } from '@/lib/data/approval-chain';
import { updatePromptPolicy as updatePromptPolicyData, updateWorkspacePolicy as updateWorkspacePolicyData } from '@/lib/data/policy';
import { updateApprovalChainSchema } from '@/lib/schemas/approval-chain';
import { promptPolicySchema, workspacePolicySchema } from '@/lib/schemas/policy';
import { revalidateWorkspace } from './revalidate';

export const updateWorkspacePolicy = workspaceAction(workspacePolicySchema, 'policy.change', async (policy, ctx) => {
  await updateWorkspacePolicyData(ctx, policy);
  revalidateWorkspace(ctx);
  return null;
});

export const updatePromptPolicy = workspaceAction(promptPolicySchema, 'policy.change', async ({ promptId, ...override }, ctx) => {
  await updatePromptPolicyData(ctx, promptId, override);
  revalidateWorkspace(ctx);
  return null;
});

export const updateApprovalChain = workspaceAction(updateApprovalChainSchema, 'policy.change', async ({ stages, tagRules }, ctx) => {
  await updateApprovalChainData(ctx, { stages, tagRules });
  revalidateWorkspace(ctx);
  return null;
});
