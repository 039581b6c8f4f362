'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { compareWithProduction, getRun } from '@/lib/data/evaluation-runs';
import { cancelRun as cancelRunData, startRun as startRunData } from '@/lib/data/evaluation-service';
import {
  createTestCase as createTestCaseData,
  deleteTestCase as deleteTestCaseData,
  updateTestCase as updateTestCaseData,
} from '@/lib/data/test-cases';
import { FINISHED_STATUSES } from '@/lib/domain/eval/summary';
import { encryptionSecret } from '@/lib/env';
import { keyFromSecret } from '@/lib/eval/crypto';
import { createTestCaseSchema, deleteTestCaseSchema, runRefSchema, startRunSchema, updateTestCaseSchema } from '@/lib/schemas/evaluation';
import { revalidateWorkspace } from './revalidate';

// The publish bar in the prompt layout reads the latest run, so the whole workspace layout is refreshed.

export const createTestCase = workspaceAction(createTestCaseSchema, 'testcase.edit', async ({ promptId, testCase }, ctx) => {
  const created = await createTestCaseData(ctx, promptId, testCase);
  revalidateWorkspace(ctx);
  return created;
});

export const updateTestCase = workspaceAction(updateTestCaseSchema, 'testcase.edit', async ({ promptId, testCaseId, testCase }, ctx) => {
  const updated = await updateTestCaseData(ctx, promptId, testCaseId, testCase);
  revalidateWorkspace(ctx);
  return updated;
});

export const deleteTestCase = workspaceAction(deleteTestCaseSchema, 'testcase.edit', async ({ promptId, testCaseId }, ctx) => {
  await deleteTestCaseData(ctx, promptId, testCaseId);
  revalidateWorkspace(ctx);
  return null;
});

/** Starts the run in the background and returns at once; the client polls getRunStatus. */
export const startRun = workspaceAction(startRunSchema, 'evaluation.run', async (input, ctx) =>
  startRunData(ctx, input, keyFromSecret(encryptionSecret())),
);

export const cancelRun = workspaceAction(runRefSchema, 'evaluation.run', async ({ runId }, ctx) => {
  const res = await cancelRunData(ctx, runId);
  revalidateWorkspace(ctx);
  return res;
});

/** The run with its results so far; once it has finished, also its comparison with production. */
export const getRunStatus = workspaceAction(runRefSchema, 'prompt.read', async ({ promptId, runId }, ctx) => {
  const run = await getRun(ctx, promptId, runId);
  const finished = (FINISHED_STATUSES as readonly string[]).includes(run.status) || run.status === 'cancelled';
  const production = finished ? await compareWithProduction(ctx, promptId, runId) : null;
  return { run, production, finished };
});
