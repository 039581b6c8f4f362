// Runs a prompt's test cases: render, call the model when a case asserts on its answer,
// judge. A provider failure errors that one case and never the run; cancelling stops new
// cases from starting and aborts the calls in flight.
import 'server-only';
import { needsModel, type Assertion, type AssertionResult } from '@/lib/domain/eval/assertions';
import { runStatus, type ResultStatus, type RunStatus } from '@/lib/domain/eval/summary';
import { judgeCase, renderCase } from '@/lib/domain/eval/test-case';
import type { Content } from '@/lib/domain/content';
import { chatCompletion, MAX_BACKOFF_MS, ProviderError, type CallOptions } from './openai-client';

export interface RunnableCase {
  id?: string;
  name: string;
  variables: Record<string, unknown>;
  /** null when the stored assertions no longer parse; the case errors with `invalid`. */
  assertions: Assertion[] | null;
  invalid?: string;
}

export interface RunProvider {
  baseUrl: string;
  model: string;
  apiKey?: string | null;
}

export interface CaseOutcome {
  testCaseId: string | null;
  caseName: string;
  status: ResultStatus;
  output: string | null;
  error: string | null;
  assertionResults: AssertionResult[];
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
}

export interface RunEvaluationInput {
  cases: RunnableCase[];
  content: Content;
  provider: RunProvider | null;
  concurrency?: number;
  signal?: AbortSignal;
  /** Defaults: DEFAULT_CALL_OPTIONS. */
  call?: Partial<Omit<CallOptions, 'signal'>>;
  /** Awaited as each case finishes (e.g. to write its row). If it throws, the run stops and rethrows. */
  onResult?: (outcome: CaseOutcome) => Promise<void> | void;
}

export const DEFAULT_CALL_OPTIONS = { timeoutMs: 60_000, retries: 2, backoffMs: 500, maxBackoffMs: 10_000 } as const;
const MAX_STORED_OUTPUT = 100_000;

/**
 * The longest one case can take with these call options: every attempt timing out, with the
 * longest wait between attempts (rendering and judging are synchronous). While a run is
 * executing, no gap between two of its results is longer than this.
 */
export function maxCaseDurationMs(call: Pick<CallOptions, 'timeoutMs' | 'retries' | 'maxBackoffMs'> = DEFAULT_CALL_OPTIONS): number {
  return (call.retries + 1) * call.timeoutMs + call.retries * (call.maxBackoffMs ?? MAX_BACKOFF_MS);
}

async function runCase(c: RunnableCase, input: RunEvaluationInput, signal: AbortSignal): Promise<CaseOutcome> {
  const base = { testCaseId: c.id ?? null, caseName: c.name, output: null, latencyMs: null, tokensIn: null, tokensOut: null };
  if (!c.assertions)
    return { ...base, status: 'errored', error: c.invalid ?? 'The assertions of this case are invalid', assertionResults: [] };
  const rendered = renderCase(input.content, c.variables);
  let answer: Awaited<ReturnType<typeof chatCompletion>> | null = null;
  let modelError: string | null = null;
  if (rendered.ok && needsModel(c.assertions)) {
    if (!input.provider) modelError = 'no model provider configured';
    else {
      try {
        const { model } = input.content;
        answer = await chatCompletion(
          {
            ...input.provider,
            messages: rendered.messages,
            temperature: model.temperature,
            maxTokens: model.maxTokens,
            topP: model.topP,
            params: model.params,
          },
          { ...DEFAULT_CALL_OPTIONS, ...input.call, signal },
        );
      } catch (e) {
        if (e instanceof ProviderError && e.kind === 'cancelled')
          return { ...base, status: 'cancelled', error: 'Cancelled', assertionResults: [] };
        modelError = e instanceof ProviderError ? e.message : `model call failed: ${(e as Error).message}`;
      }
    }
  }
  const verdict = judgeCase({ assertions: c.assertions, rendered, output: answer?.output ?? null, modelError });
  const output = answer?.output ?? null;
  return {
    ...base,
    ...verdict,
    output: output && output.length > MAX_STORED_OUTPUT ? `${output.slice(0, MAX_STORED_OUTPUT)}…` : output,
    latencyMs: answer?.latencyMs ?? null,
    tokensIn: answer?.tokensIn ?? null,
    tokensOut: answer?.tokensOut ?? null,
  };
}

/** Runs the cases with at most `concurrency` in flight; resolves with every outcome and the run's status. */
export async function runEvaluation(input: RunEvaluationInput): Promise<{ status: RunStatus; outcomes: CaseOutcome[] }> {
  const stop = new AbortController();
  const signal = input.signal ? AbortSignal.any([input.signal, stop.signal]) : stop.signal;
  const outcomes: CaseOutcome[] = [];
  let next = 0;
  let failure: { error: unknown } | null = null;

  async function worker() {
    while (!signal.aborted && next < input.cases.length) {
      const c = input.cases[next++]!;
      const outcome = await runCase(c, input, signal).catch((e: unknown): CaseOutcome => ({
        testCaseId: c.id ?? null,
        caseName: c.name,
        status: 'errored',
        error: `Unexpected error: ${(e as Error).message}`,
        output: null,
        assertionResults: [],
        latencyMs: null,
        tokensIn: null,
        tokensOut: null,
      }));
      outcomes.push(outcome);
      try {
        await input.onResult?.(outcome);
      } catch (error) {
        failure ??= { error };
        stop.abort();
      }
    }
  }

  const workers = Math.max(1, Math.min(input.concurrency ?? 4, input.cases.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  const cancelled = input.signal?.aborted ?? false;
  return { status: runStatus(outcomes, { cancelled, total: input.cases.length }), outcomes };
}
