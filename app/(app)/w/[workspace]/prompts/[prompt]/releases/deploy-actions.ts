'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { setCanary as setCanaryData, stageRevision as stageRevisionData } from '@/lib/data/deployments';
import { workspaceSlugSchema } from '@/lib/schemas/workspace';

const id = z.string().min(1).max(64);

const stageRevisionSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, revisionId: id });

const setCanarySchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  releaseId: id.nullable(),
  percent: z.number().int('Enter a whole number').min(0, 'Enter 0 to 100').max(100, 'Enter 0 to 100'),
});

export const stageRevision = action(stageRevisionSchema, async ({ workspace, promptId, revisionId }, user) => {
  const ctx = await authorize(user.id, workspace, 'staging.pin');
  const result = await stageRevisionData(ctx, promptId, revisionId);
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return result;
});

export const setCanary = action(setCanarySchema, async ({ workspace, promptId, releaseId, percent }, user) => {
  const ctx = await authorize(user.id, workspace, 'canary.set');
  const result = await setCanaryData(ctx, promptId, { releaseId, percent });
  revalidatePath(`/w/${ctx.workspaceSlug}`, 'layout');
  return result;
});
