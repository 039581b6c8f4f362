'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { setCanary as setCanaryData, stageRevision as stageRevisionData } from '@/lib/data/deployments';
import { promoteStaging as promoteStagingData } from '@/lib/data/promote-staging';
import { publish as publishData } from '@/lib/data/publish';
import { cancelScheduledRelease as cancelScheduleData, scheduleRelease as scheduleReleaseData } from '@/lib/data/scheduled-releases';
import { rollbackProduction } from '@/lib/data/releases';
import {
  cancelScheduledReleaseSchema,
  promoteStagingSchema,
  publishSchema,
  rollbackSchema,
  scheduleReleaseSchema,
  setCanarySchema,
  stageRevisionSchema,
} from '@/lib/schemas/release';
import { revalidateWorkspace } from './revalidate';

/** Re-checks role, policy, fresh approvals and change inside the publish transaction (lib/data/publish). */
export const publish = workspaceAction(publishSchema, 'release.publish', async (input, ctx) => {
  const release = await publishData(ctx, input);
  revalidateWorkspace(ctx);
  return { version: release.version };
});

export const rollback = workspaceAction(rollbackSchema, 'release.rollback', async ({ promptId, releaseId }, ctx) => {
  const res = await rollbackProduction(ctx, promptId, releaseId);
  revalidateWorkspace(ctx);
  return res;
});

export const stageRevision = workspaceAction(stageRevisionSchema, 'staging.pin', async ({ promptId, revisionId }, ctx) => {
  const result = await stageRevisionData(ctx, promptId, revisionId);
  revalidateWorkspace(ctx);
  return result;
});

export const setCanary = workspaceAction(setCanarySchema, 'canary.set', async ({ promptId, releaseId, percent }, ctx) => {
  const result = await setCanaryData(ctx, promptId, { releaseId, percent });
  revalidateWorkspace(ctx);
  return result;
});

/** Publishes exactly the staged revision (checked by contentHash inside the publish transaction), through the same gate. */
export const promoteStaging = workspaceAction(promoteStagingSchema, 'release.publish', async (input, ctx) => {
  const release = await promoteStagingData(ctx, input);
  revalidateWorkspace(ctx);
  return { version: release.version };
});

/** Schedules a publish for a time; the gate must be open now, and is checked again at that time. */
export const scheduleRelease = workspaceAction(scheduleReleaseSchema, 'release.publish', async (input, ctx) => {
  const scheduled = await scheduleReleaseData(ctx, input);
  revalidateWorkspace(ctx);
  return { id: scheduled.id, runAt: scheduled.runAt.toISOString(), revisionNumber: scheduled.revisionNumber };
});

export const cancelScheduledRelease = workspaceAction(cancelScheduledReleaseSchema, 'release.publish', async (input, ctx) => {
  const result = await cancelScheduleData(ctx, input);
  revalidateWorkspace(ctx);
  return result;
});
