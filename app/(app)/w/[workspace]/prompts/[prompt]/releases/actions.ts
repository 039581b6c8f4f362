'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { publish as publishData } from '@/lib/data/publish';
import { rollbackProduction } from '@/lib/data/releases';
import { publishSchema, rollbackSchema } from '@/lib/schemas/release';

/** Re-checks role, policy, fresh approvals and change inside the publish transaction (lib/data/publish). */
export const publish = action(publishSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'release.publish');
  const release = await publishData(ctx, input);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return { version: release.version };
});

export const rollback = action(rollbackSchema, async ({ workspace, promptId, releaseId }, user) => {
  const ctx = await authorize(user.id, workspace, 'release.rollback');
  const res = await rollbackProduction(ctx, promptId, releaseId);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return res;
});
