'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { compareWithProduction, getRun } from '@/lib/data/evaluation-runs';
import { cancelRun as cancelRunData, startRun as startRunData } from '@/lib/data/evaluation-service';
import { createTestCase as createTestCaseData, deleteTestCase as deleteTestCaseData, updateTestCase as updateTestCaseData } from '@/lib/data/test-cases';
import { FINISHED_STATUSES } from '@/lib/domain/eval/summary';
import { encryptionSecret } from '@/lib/env';
import { keyFromSecret } from '@/lib/eval/crypto';
import { createTestCaseSchema, deleteTestCaseSchema, runRefSchema, startRunSchema, updateTestCaseSchema } from '@/lib/schemas/evaluation';

// The publish bar in the prompt layout reads the latest run, so the whole workspace layout is refreshed.
const refresh = (workspace: string) => revalidatePath(`/w/${workspace}`, 'layout');

export const createTestCase = action(createTestCaseSchema, async ({ workspace, promptId, testCase }, user) => {
  const ctx = await authorize(user.id, workspace, 'testcase.edit');
  const created = await createTestCaseData(ctx, promptId, testCase);
  refresh(ctx.workspaceSlug);
  return created;
});

export const updateTestCase = action(updateTestCaseSchema, async ({ workspace, promptId, testCaseId, testCase }, user) => {
  const ctx = await authorize(user.id, workspace, 'testcase.edit');
  const updated = await updateTestCaseData(ctx, promptId, testCaseId, testCase);
  refresh(ctx.workspaceSlug);
  return updated;
});

export const deleteTestCase = action(deleteTestCaseSchema, async ({ workspace, promptId, testCaseId }, user) => {
  const ctx = await authorize(user.id, workspace, 'testcase.edit');
  await deleteTestCaseData(ctx, promptId, testCaseId);
  refresh(ctx.workspaceSlug);
  return null;
});

/** Starts the run in the background and returns at once; the client polls getRunStatus. */
export const startRun = action(startRunSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'evaluation.run');
  return startRunData(ctx, input, keyFromSecret(encryptionSecret()));
});

export const cancelRun = action(runRefSchema, async ({ workspace, runId }, user) => {
  const ctx = await authorize(user.id, workspace, 'evaluation.run');
  const res = await cancelRunData(ctx, runId);
  refresh(ctx.workspaceSlug);
  return res;
});

/** The run with its results so far; once it has finished, also its comparison with production. */
export const getRunStatus = action(runRefSchema, async ({ workspace, promptId, runId }, user) => {
  const ctx = await authorize(user.id, workspace, 'prompt.read');
  const run = await getRun(ctx, promptId, runId);
  const finished = (FINISHED_STATUSES as readonly string[]).includes(run.status) || run.status === 'cancelled';
  const production = finished ? await compareWithProduction(ctx, promptId, runId) : null;
  return { run, production, finished };
});
