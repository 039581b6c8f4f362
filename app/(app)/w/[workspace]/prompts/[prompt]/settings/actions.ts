'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { updatePromptPolicy as updatePromptPolicyData } from '@/lib/data/policy';
import { promptPolicySchema } from '@/lib/schemas/policy';

export const updatePromptPolicy = action(promptPolicySchema, async ({ workspace, promptId, ...override }, user) => {
  const ctx = await authorize(user.id, workspace, 'policy.change');
  await updatePromptPolicyData(ctx, promptId, override);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return null;
});
