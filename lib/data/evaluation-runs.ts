// Evaluation runs of a prompt, as stored: reading them, comparing them with production,
// and the state changes made outside the background runner (cancel, interrupted). A run
// records the contentHash it ran on, so the publish gate (lib/data/publish.ts) can require
// a passing run on exactly the content being published. Starting and executing runs is
// lib/data/evaluation-service.ts.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { AssertionResult } from '@/lib/domain/eval/assertions';
import { compareRuns, FINISHED_STATUSES, type ResultStatus, type RunComparison, type RunStatus } from '@/lib/domain/eval/summary';
import { AppError } from '@/lib/errors';
import { activeRuns, processStartedAt } from '@/lib/eval/registry';
import { maxCaseDurationMs, type CaseOutcome } from '@/lib/eval/runner';
import { logger } from '@/lib/log';
import type { Prisma } from '@/lib/generated/prisma/client';
import { database, db } from './db';
import { servedRelease } from './releases';
import { promptOf, type Client } from './test-cases';
import { userNames } from './user-names';

export interface RunDto {
  id: string;
  promptId: string;
  status: RunStatus;
  contentHash: string;
  total: number;
  passed: number;
  failed: number;
  errored: number;
  revision: { id: string; number: number } | null;
  release: { id: string; version: number } | null;
  provider: { id: string; name: string; model: string } | null;
  startedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A stored case outcome (the runner's CaseOutcome) with its row id and time. */
export interface ResultDto extends CaseOutcome {
  id: string;
  createdAt: Date;
}

export const runSelect = {
  id: true,
  promptId: true,
  status: true,
  contentHash: true,
  total: true,
  passed: true,
  failed: true,
  errored: true,
  startedById: true,
  createdAt: true,
  finishedAt: true,
  revision: { select: { id: true, number: true } },
  release: { select: { id: true, version: true } },
  provider: { select: { id: true, name: true, model: true } },
} satisfies Prisma.EvaluationRunSelect;

const resultSelect = {
  id: true,
  testCaseId: true,
  caseName: true,
  status: true,
  output: true,
  error: true,
  assertionResults: true,
  latencyMs: true,
  tokensIn: true,
  tokensOut: true,
  createdAt: true,
} satisfies Prisma.EvaluationResultSelect;

type RunRow = Prisma.EvaluationRunGetPayload<{ select: typeof runSelect }>;

export async function toRunDtos(client: Client, rows: RunRow[]): Promise<RunDto[]> {
  const who = await userNames(
    rows.map((r) => r.startedById),
    client,
  );
  return rows.map(({ startedById, ...r }) => ({ ...r, startedBy: who.get(startedById) ?? 'unknown' }));
}

function toResultDto(row: Prisma.EvaluationResultGetPayload<{ select: typeof resultSelect }>): ResultDto {
  return { ...row, status: row.status as ResultStatus, assertionResults: row.assertionResults as unknown as AssertionResult[] };
}

export async function getRun(ctx: WorkspaceContext, promptId: string, runId: string): Promise<RunDto & { results: ResultDto[] }> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, promptId: prompt.id }, select: runSelect });
  if (!run) throw new AppError('not_found', 'Evaluation run not found');
  const results = await prisma.evaluationResult.findMany({
    where: { runId: run.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: resultSelect,
  });
  const [dto] = await toRunDtos(prisma, [run]);
  return { ...dto!, results: results.map(toResultDto) };
}

export async function listRuns(ctx: WorkspaceContext, promptId: string, take = 50): Promise<RunDto[]> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const rows = await prisma.evaluationRun.findMany({
    where: { promptId: prompt.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(take, 200),
    select: runSelect,
  });
  return toRunDtos(prisma, rows);
}

/** The latest finished (passed, failed or errored) run on this exact content: what the publish gate reads. */
export async function latestRunOn(ctx: WorkspaceContext, promptId: string, contentHash: string): Promise<RunDto | null> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const row = await prisma.evaluationRun.findFirst({
    where: { promptId: prompt.id, contentHash, status: { in: [...FINISHED_STATUSES] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: runSelect,
  });
  return row ? (await toRunDtos(prisma, [row]))[0]! : null;
}

export interface ProductionComparison {
  production: { id: string; version: number; contentHash: string } | null;
  /** The latest finished run on the production release's content, if any. */
  baseline: RunDto | null;
  comparison: RunComparison | null;
}

/** Compares a run, case by case, with the latest finished run on what production serves. */
export async function compareWithProduction(ctx: WorkspaceContext, promptId: string, runId: string): Promise<ProductionComparison> {
  const run = await getRun(ctx, promptId, runId);
  const prisma = await db();
  const production = await servedRelease(prisma, run.promptId, ctx.workspaceId);
  if (!production) return { production: null, baseline: null, comparison: null };
  const base = await prisma.evaluationRun.findFirst({
    where: { promptId: run.promptId, contentHash: production.contentHash, status: { in: [...FINISHED_STATUSES] }, id: { not: run.id } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: runSelect,
  });
  if (!base) return { production, baseline: null, comparison: null };
  const baseResults = await prisma.evaluationResult.findMany({ where: { runId: base.id }, select: { caseName: true, status: true } });
  const comparison = compareRuns(
    baseResults.map((r) => ({ caseName: r.caseName, status: r.status as ResultStatus })),
    run.results.map((r) => ({ caseName: r.caseName, status: r.status })),
  );
  return { production, baseline: (await toRunDtos(prisma, [base]))[0]!, comparison };
}

const UNFINISHED: RunStatus[] = ['queued', 'running'];

/**
 * The database half of cancelling: marks an unfinished run of the workspace cancelled
 * (conflict if it already finished). The runner learns it from the row; the caller aborts
 * the work in this process (evaluation-service.ts cancelRun).
 */
export async function markRunCancelled(ctx: WorkspaceContext, runId: string): Promise<{ id: string }> {
  assertCan(ctx, 'evaluation.run');
  const prisma = await db();
  const run = await prisma.evaluationRun.findFirst({
    where: { id: runId, prompt: { workspaceId: ctx.workspaceId } },
    select: { id: true, status: true },
  });
  if (!run) throw new AppError('not_found', 'Evaluation run not found');
  const { count } = await prisma.evaluationRun.updateMany({
    where: { id: run.id, status: { in: UNFINISHED } },
    data: { status: 'cancelled', finishedAt: new Date() },
  });
  if (count === 0) throw new AppError('conflict', `This run already finished (${run.status})`);
  return { id: run.id };
}

export const INTERRUPTED_ERROR = 'interrupted: the server restarted while this run was in progress';

/**
 * A run writes a result at least every maxCaseDurationMs() (3 min 20 s with the default
 * call options) while it executes; one silent for this long is not executing anywhere.
 */
export const STALE_RUN_MS = Math.max(10 * 60_000, 3 * maxCaseDurationMs());

/**
 * Errors the runs left queued or running by a crash or restart, which would otherwise stay
 * unfinished forever (and be polled by the run panel). A run is interrupted when this
 * process is not executing it and either
 * - nothing was written for it (created, or a result) for STALE_RUN_MS: no instance is
 *   running it, since a run writes its results as cases finish; with several instances on
 *   PostgreSQL a recent run may be another instance's; or
 * - on the embedded PGlite, it was created before this process started: only one process
 *   can open the data directory (pglite-lock.ts), so no one else can be running it.
 * The run's unfinished results (if any) are errored with INTERRUPTED_ERROR; the runner
 * executing a run marked here by mistake stops at its next result (execute in
 * evaluation-service.ts). Returns the ids marked.
 *
 * It takes no actor: it is a system task run at start-up (lib/startup.ts), across all
 * workspaces, and changes only runs that no one can still be executing.
 */
export async function markInterruptedRuns(now = new Date()): Promise<string[]> {
  const { engine, prisma } = await database();
  const progressCutoff = new Date(now.getTime() - STALE_RUN_MS);
  const stale: Prisma.EvaluationRunWhereInput = {
    createdAt: { lt: progressCutoff },
    results: { none: { createdAt: { gte: progressCutoff } } },
  };
  const where: Prisma.EvaluationRunWhereInput = {
    status: { in: UNFINISHED },
    id: { notIn: [...activeRuns().keys()] },
    OR: engine === 'pglite' ? [stale, { createdAt: { lt: processStartedAt() } }] : [stale],
  };
  const candidates = await prisma.evaluationRun.findMany({ where, select: { id: true } });
  const marked: string[] = [];
  for (const { id } of candidates) {
    const done = await prisma.$transaction(async (tx) => {
      // Checked again in the update: the run may have finished or progressed meanwhile.
      const { count } = await tx.evaluationRun.updateMany({ where: { ...where, id }, data: { status: 'errored', finishedAt: now } });
      if (count === 0) return false;
      const results = await tx.evaluationResult.updateMany({
        where: { runId: id, status: { in: UNFINISHED } },
        data: { status: 'errored', error: INTERRUPTED_ERROR },
      });
      if (results.count > 0) await tx.evaluationRun.update({ where: { id }, data: { errored: { increment: results.count } } });
      return true;
    });
    if (done) marked.push(id);
  }
  if (marked.length > 0) logger().warn({ runs: marked.length }, `evaluation runs errored: ${INTERRUPTED_ERROR}`);
  return marked;
}
