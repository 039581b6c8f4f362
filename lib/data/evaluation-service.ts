// Starting evaluation runs and executing them in the background of this process: results
// are written as cases finish, then the run gets its status. The runs executing here are
// kept in an in-process registry (lib/eval/registry.ts) for cancelling and waiting.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { needsModel } from '@/lib/domain/eval/assertions';
import type { ResultStatus, RunStatus } from '@/lib/domain/eval/summary';
import { testCaseSchema } from '@/lib/domain/eval/test-case';
import { AppError } from '@/lib/errors';
import type { CallOptions } from '@/lib/eval/openai-client';
import { activeRuns } from '@/lib/eval/registry';
import { logger } from '@/lib/log';
import { runEvaluation, type CaseOutcome, type RunnableCase, type RunProvider } from '@/lib/eval/runner';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';
import { markRunCancelled, runSelect, toRunDtos, type RunDto } from './evaluation-runs';
import { loadRunProvider } from './providers';
import { promptOf, type Client } from './test-cases';

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
    const release = await prisma.release.findFirst({
      where: { id: input.releaseId, promptId: prompt.id },
      select: { id: true, content: true, contentHash: true },
    });
    if (!release) throw new AppError('not_found', 'Release not found');
    return { revisionId: null, releaseId: release.id, content: release.content, contentHash: release.contentHash };
  }
  const revisionId = input.revisionId ?? prompt.headRevisionId;
  const revision = revisionId
    ? await prisma.revision.findFirst({
        where: { id: revisionId, promptId: prompt.id },
        select: { id: true, content: true, contentHash: true },
      })
    : null;
  if (!revision) throw new AppError('not_found', 'Revision not found');
  return { revisionId: revision.id, releaseId: null, content: revision.content, contentHash: revision.contentHash };
}

async function resolveProvider(
  ctx: WorkspaceContext,
  prisma: Client,
  cases: RunnableCase[],
  providerId: string | undefined,
  encryptionKey: Buffer,
) {
  if (providerId) return loadRunProvider(ctx, providerId, encryptionKey);
  if (!cases.some((c) => c.assertions && needsModel(c.assertions))) return null;
  const providers = await prisma.modelProvider.findMany({ where: { workspaceId: ctx.workspaceId }, select: { id: true }, take: 2 });
  if (providers.length > 1)
    throw new AppError('invalid', 'Choose a model provider for this run', { fieldErrors: { providerId: ['Choose a model provider'] } });
  // None configured: the cases that need a model error with that reason.
  return providers[0] ? loadRunProvider(ctx, providers[0].id, encryptionKey) : null;
}

function toRunnable(row: { id: string; name: string; variables: unknown; assertions: unknown }): RunnableCase {
  const parsed = testCaseSchema.safeParse({ name: row.name, variables: row.variables, assertions: row.assertions });
  if (parsed.success) return { id: row.id, name: row.name, variables: parsed.data.variables, assertions: parsed.data.assertions };
  return {
    id: row.id,
    name: row.name,
    variables: {},
    assertions: null,
    invalid: `The assertions of this case are invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`,
  };
}

const COUNTER: Partial<Record<ResultStatus, 'passed' | 'failed' | 'errored'>> = { passed: 'passed', failed: 'failed', errored: 'errored' };

async function execute(
  prisma: Client,
  runId: string,
  controller: AbortController,
  work: { cases: RunnableCase[]; content: Parameters<typeof runEvaluation>[0]['content']; provider: RunProvider | null; opts: RunOptions },
) {
  const record = async (o: CaseOutcome) => {
    const counter = COUNTER[o.status];
    const run = await prisma.$transaction(async (tx) => {
      await tx.evaluationResult.create({ data: { runId, ...o, assertionResults: o.assertionResults as unknown as Prisma.InputJsonValue } });
      return tx.evaluationRun.update({
        where: { id: runId },
        data: counter ? { [counter]: { increment: 1 } } : {},
        select: { status: true },
      });
    });
    // Cancelled from another app instance (or marked interrupted, see markInterruptedRuns):
    // this one learns it from the row.
    if (run.status !== 'running') controller.abort();
  };
  try {
    const { status } = await runEvaluation({
      ...work,
      concurrency: work.opts.concurrency,
      call: work.opts.call,
      signal: controller.signal,
      onResult: record,
    });
    await prisma.evaluationRun.updateMany({ where: { id: runId, status: 'running' }, data: { status, finishedAt: new Date() } });
  } catch (e) {
    logger().error({ err: e, runId }, 'evaluation run failed');
    await prisma.evaluationRun
      .updateMany({ where: { id: runId, status: 'running' }, data: { status: 'errored', finishedAt: new Date() } })
      .catch(() => {});
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
  const rows = await prisma.testCase.findMany({
    where: { promptId: prompt.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, variables: true, assertions: true },
  });
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
  const done = execute(prisma, run.id, controller, { cases, content: parsed.content, provider, opts }).finally(() =>
    activeRuns().delete(run.id),
  );
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
  const run = await markRunCancelled(ctx, runId);
  activeRuns().get(run.id)?.controller.abort();
  return { status: 'cancelled' };
}
