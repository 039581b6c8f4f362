// Test cases and evaluation runs of a prompt. Test cases are workspace data, not part of
// the released content. A run records the contentHash it ran on, so the publish gate
// (lib/data/publish.ts) can require a passing run on exactly the content being published.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { needsModel, type Assertion, type AssertionResult } from '@/lib/domain/eval/assertions';
import { compareRuns, FINISHED_STATUSES, type ResultStatus, type RunComparison, type RunStatus } from '@/lib/domain/eval/summary';
import { parseTestCase, TEST_CASE_LIMITS, testCaseSchema, type TestCaseInput } from '@/lib/domain/eval/test-case';
import { AppError } from '@/lib/errors';
import type { CallOptions } from '@/lib/eval/openai-client';
import { activeRuns } from '@/lib/eval/registry';
import { runEvaluation, type CaseOutcome, type RunnableCase, type RunProvider } from '@/lib/eval/runner';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';
import { loadRunProvider } from './providers';
import { servedRelease } from './releases';

type Client = Awaited<ReturnType<typeof db>>;

async function promptOf(client: Client, ctx: WorkspaceContext, promptId: string) {
  const prompt = await client.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { id: true, headRevisionId: true } });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt;
}

// ---- test cases -------------------------------------------------------------------------

export interface TestCaseDto {
  id: string;
  name: string;
  variables: Record<string, unknown>;
  assertions: Assertion[];
  /** Set when stored assertions no longer validate (edited outside the app); running errors the case. */
  invalid: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const caseSelect = { id: true, name: true, variables: true, assertions: true, createdAt: true, updatedAt: true } as const;

function toCaseDto(row: { id: string; name: string; variables: unknown; assertions: unknown; createdAt: Date; updatedAt: Date }): TestCaseDto {
  const parsed = parseTestCase({ name: row.name, variables: row.variables, assertions: row.assertions });
  return {
    ...row,
    variables: parsed.ok ? parsed.value.variables : ((row.variables ?? {}) as Record<string, unknown>),
    assertions: parsed.ok ? parsed.value.assertions : ((Array.isArray(row.assertions) ? row.assertions : []) as Assertion[]),
    invalid: parsed.ok ? null : parsed.message,
  };
}

function validCase(input: TestCaseInput) {
  const parsed = parseTestCase(input);
  if (!parsed.ok) throw new AppError('invalid', parsed.message, { fieldErrors: parsed.fieldErrors });
  return parsed.value;
}

async function assertNameFree(client: Client, promptId: string, name: string, exceptId?: string) {
  const clash = await client.testCase.findFirst({ where: { promptId, name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  // Runs are compared case by case by name, so names must be unique within a prompt.
  if (clash) throw new AppError('invalid', `A test case named "${name}" already exists`, { fieldErrors: { name: [`"${name}" is already used by another test case of this prompt`] } });
}

export async function listTestCases(ctx: WorkspaceContext, promptId: string): Promise<TestCaseDto[]> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const rows = await prisma.testCase.findMany({ where: { promptId: prompt.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: caseSelect });
  return rows.map(toCaseDto);
}

export async function createTestCase(ctx: WorkspaceContext, promptId: string, input: TestCaseInput): Promise<TestCaseDto> {
  assertCan(ctx, 'testcase.edit');
  const data = validCase(input);
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  if ((await prisma.testCase.count({ where: { promptId: prompt.id } })) >= TEST_CASE_LIMITS.maxCasesPerPrompt) {
    throw new AppError('invalid', `A prompt can have at most ${TEST_CASE_LIMITS.maxCasesPerPrompt} test cases`);
  }
  await assertNameFree(prisma, prompt.id, data.name);
  const row = await prisma.testCase.create({
    data: { promptId: prompt.id, name: data.name, variables: data.variables as Prisma.InputJsonValue, assertions: data.assertions as Prisma.InputJsonValue },
    select: caseSelect,
  });
  return toCaseDto(row);
}

export async function updateTestCase(ctx: WorkspaceContext, promptId: string, testCaseId: string, input: TestCaseInput): Promise<TestCaseDto> {
  assertCan(ctx, 'testcase.edit');
  const data = validCase(input);
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const found = await prisma.testCase.findFirst({ where: { id: testCaseId, promptId: prompt.id }, select: { id: true } });
  if (!found) throw new AppError('not_found', 'Test case not found');
  await assertNameFree(prisma, prompt.id, data.name, found.id);
  const row = await prisma.testCase.update({
    where: { id: found.id },
    data: { name: data.name, variables: data.variables as Prisma.InputJsonValue, assertions: data.assertions as Prisma.InputJsonValue },
    select: caseSelect,
  });
  return toCaseDto(row);
}

/** Past results keep their case name; their link to the case is cleared. */
export async function deleteTestCase(ctx: WorkspaceContext, promptId: string, testCaseId: string): Promise<void> {
  assertCan(ctx, 'testcase.edit');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const { count } = await prisma.testCase.deleteMany({ where: { id: testCaseId, promptId: prompt.id } });
  if (count === 0) throw new AppError('not_found', 'Test case not found');
}

// ---- runs -------------------------------------------------------------------------------

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

export interface ResultDto {
  id: string;
  testCaseId: string | null;
  caseName: string;
  status: ResultStatus;
  output: string | null;
  error: string | null;
  assertionResults: AssertionResult[];
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  createdAt: Date;
}

const runSelect = {
  id: true, promptId: true, status: true, contentHash: true, total: true, passed: true, failed: true, errored: true,
  startedById: true, createdAt: true, finishedAt: true,
  revision: { select: { id: true, number: true } },
  release: { select: { id: true, version: true } },
  provider: { select: { id: true, name: true, model: true } },
} satisfies Prisma.EvaluationRunSelect;

const resultSelect = {
  id: true, testCaseId: true, caseName: true, status: true, output: true, error: true, assertionResults: true,
  latencyMs: true, tokensIn: true, tokensOut: true, createdAt: true,
} satisfies Prisma.EvaluationResultSelect;

type RunRow = Prisma.EvaluationRunGetPayload<{ select: typeof runSelect }>;

async function toRunDtos(client: Client, rows: RunRow[]): Promise<RunDto[]> {
  const users = await client.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.startedById))] } }, select: { id: true, name: true, email: true } });
  const who = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return rows.map(({ startedById, ...r }) => ({ ...r, startedBy: who.get(startedById) ?? 'unknown' }));
}

function toResultDto(row: Prisma.EvaluationResultGetPayload<{ select: typeof resultSelect }>): ResultDto {
  return { ...row, status: row.status as ResultStatus, assertionResults: row.assertionResults as unknown as AssertionResult[] };
}

export interface StartRunInput {
  promptId: string;
  /** Default: the draft head. */
  revisionId?: string;
  releaseId?: string;
  providerId?: string;
}

/** Tuning for tests and operators; the defaults suit real providers. */
export interface RunOptions {
  concurrency?: number;
  call?: Partial<Pick<CallOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'maxBackoffMs'>>;
}

async function resolveTarget(prisma: Client, prompt: { id: string; headRevisionId: string | null }, input: StartRunInput) {
  if (input.revisionId && input.releaseId) throw new AppError('bad_request', 'Run on a revision or on a release, not both');
  if (input.releaseId) {
    const release = await prisma.release.findFirst({ where: { id: input.releaseId, promptId: prompt.id }, select: { id: true, content: true, contentHash: true } });
    if (!release) throw new AppError('not_found', 'Release not found');
    return { revisionId: null, releaseId: release.id, content: release.content, contentHash: release.contentHash };
  }
  const revisionId = input.revisionId ?? prompt.headRevisionId;
  const revision = revisionId ? await prisma.revision.findFirst({ where: { id: revisionId, promptId: prompt.id }, select: { id: true, content: true, contentHash: true } }) : null;
  if (!revision) throw new AppError('not_found', 'Revision not found');
  return { revisionId: revision.id, releaseId: null, content: revision.content, contentHash: revision.contentHash };
}

async function resolveProvider(ctx: WorkspaceContext, prisma: Client, cases: RunnableCase[], providerId: string | undefined, encryptionKey: Buffer) {
  if (providerId) return loadRunProvider(ctx, providerId, encryptionKey);
  if (!cases.some((c) => c.assertions && needsModel(c.assertions))) return null;
  const providers = await prisma.modelProvider.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true }, take: 2 });
  if (providers.length > 1) throw new AppError('invalid', 'Choose a model provider for this run', { fieldErrors: { providerId: ['Choose a model provider'] } });
  // None configured: the cases that need a model error with that reason.
  return providers[0] ? loadRunProvider(ctx, providers[0].id, encryptionKey) : null;
}

function toRunnable(row: { id: string; name: string; variables: unknown; assertions: unknown }): RunnableCase {
  const parsed = testCaseSchema.safeParse({ name: row.name, variables: row.variables, assertions: row.assertions });
  if (parsed.success) return { id: row.id, name: row.name, variables: parsed.data.variables, assertions: parsed.data.assertions };
  return { id: row.id, name: row.name, variables: {}, assertions: null, invalid: `The assertions of this case are invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}` };
}

const COUNTER: Partial<Record<ResultStatus, 'passed' | 'failed' | 'errored'>> = { passed: 'passed', failed: 'failed', errored: 'errored' };

async function execute(prisma: Client, runId: string, controller: AbortController, work: { cases: RunnableCase[]; content: Parameters<typeof runEvaluation>[0]['content']; provider: RunProvider | null; opts: RunOptions }) {
  const record = async (o: CaseOutcome) => {
    const counter = COUNTER[o.status];
    const run = await prisma.$transaction(async (tx) => {
      await tx.evaluationResult.create({ data: { runId, ...o, assertionResults: o.assertionResults as unknown as Prisma.InputJsonValue } });
      return tx.evaluationRun.update({ where: { id: runId }, data: counter ? { [counter]: { increment: 1 } } : {}, select: { status: true } });
    });
    // Cancelled from another app instance: this one learns it from the row.
    if (run.status === 'cancelled') controller.abort();
  };
  try {
    const { status } = await runEvaluation({ ...work, concurrency: work.opts.concurrency, call: work.opts.call, signal: controller.signal, onResult: record });
    await prisma.evaluationRun.updateMany({ where: { id: runId, status: 'running' }, data: { status, finishedAt: new Date() } });
  } catch (e) {
    console.error('[galley] evaluation run failed', runId, e);
    await prisma.evaluationRun.updateMany({ where: { id: runId, status: 'running' }, data: { status: 'errored', finishedAt: new Date() } }).catch(() => {});
  }
}

/**
 * Creates the run and executes it in the background (the caller does not wait): results
 * are written as cases finish, then the run gets its status. Returns the running run.
 */
export async function startRun(ctx: WorkspaceContext, input: StartRunInput, encryptionKey: Buffer, opts: RunOptions = {}): Promise<RunDto> {
  assertCan(ctx, 'evaluation.run');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, input.promptId);
  const target = await resolveTarget(prisma, prompt, input);
  const parsed = parseContent(target.content);
  if (!parsed.ok) throw new AppError('invalid', 'This revision is not valid content and cannot be evaluated');
  const rows = await prisma.testCase.findMany({ where: { promptId: prompt.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, name: true, variables: true, assertions: true } });
  // An empty run would "pass" and satisfy the publish gate without testing anything.
  if (rows.length === 0) throw new AppError('invalid', 'Add a test case before running evaluations');
  const cases = rows.map(toRunnable);
  const provider = await resolveProvider(ctx, prisma, cases, input.providerId, encryptionKey);
  const run = await prisma.evaluationRun.create({
    data: {
      promptId: prompt.id,
      revisionId: target.revisionId,
      releaseId: target.releaseId,
      providerId: provider?.id ?? null,
      contentHash: target.contentHash,
      status: 'running',
      total: cases.length,
      startedById: ctx.userId,
    },
    select: { id: true },
  });
  // Read back apart from the create: a create selecting relations runs its reads concurrently
  // inside an implicit transaction, which node-postgres warns about.
  const [dto] = await toRunDtos(prisma, [await prisma.evaluationRun.findUniqueOrThrow({ where: { id: run.id }, select: runSelect })]);
  const controller = new AbortController();
  const done = execute(prisma, run.id, controller, { cases, content: parsed.content, provider, opts }).finally(() => activeRuns().delete(run.id));
  activeRuns().set(run.id, { controller, done });
  return dto!;
}

/** Resolves when the run's background work in this process is over (at once if there is none). */
export async function waitForRun(runId: string): Promise<void> {
  await activeRuns().get(runId)?.done;
}

/** Stops a running run: cases not started are skipped and calls in flight are aborted. */
export async function cancelRun(ctx: WorkspaceContext, runId: string): Promise<{ status: RunStatus }> {
  assertCan(ctx, 'evaluation.run');
  const prisma = await db();
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, prompt: { workspaceId: ctx.workspaceId } }, select: { id: true, status: true } });
  if (!run) throw new AppError('not_found', 'Evaluation run not found');
  const { count } = await prisma.evaluationRun.updateMany({ where: { id: run.id, status: { in: ['queued', 'running'] } }, data: { status: 'cancelled', finishedAt: new Date() } });
  if (count === 0) throw new AppError('conflict', `This run already finished (${run.status})`);
  activeRuns().get(run.id)?.controller.abort();
  return { status: 'cancelled' };
}

export async function getRun(ctx: WorkspaceContext, promptId: string, runId: string): Promise<RunDto & { results: ResultDto[] }> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const run = await prisma.evaluationRun.findFirst({ where: { id: runId, promptId: prompt.id }, select: runSelect });
  if (!run) throw new AppError('not_found', 'Evaluation run not found');
  const results = await prisma.evaluationResult.findMany({ where: { runId: run.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: resultSelect });
  const [dto] = await toRunDtos(prisma, [run]);
  return { ...dto!, results: results.map(toResultDto) };
}

export async function listRuns(ctx: WorkspaceContext, promptId: string, take = 50): Promise<RunDto[]> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const prompt = await promptOf(prisma, ctx, promptId);
  const rows = await prisma.evaluationRun.findMany({ where: { promptId: prompt.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: Math.min(take, 200), select: runSelect });
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
