import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '@/lib/domain/content';
import type { Assertion } from '@/lib/domain/eval/assertions';
import { startFakeLlm, type FakeLlm } from '@/tests/fake-llm/server';
import { DEFAULT_CALL_OPTIONS, maxCaseDurationMs, runEvaluation, type CaseOutcome, type RunnableCase } from './runner';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const content: Content = {
  blocks: [{ id: 'usr', kind: 'user', title: 'User', body: 'Say {{word}}', enabled: true }],
  variables: [{ name: 'word', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0, params: {} },
};
const outputHas = (value: string): Assertion => ({ type: 'contains', target: 'output', value });
const promptHas = (value: string): Assertion => ({ type: 'contains', target: 'prompt', value });
const c = (name: string, word: string | undefined, assertions: Assertion[]): RunnableCase => ({
  name,
  variables: word === undefined ? {} : { word },
  assertions,
});
const provider = (model: string) => ({ baseUrl: llm.baseUrl, model, apiKey: null });
const fast = { timeoutMs: 2_000, retries: 2, backoffMs: 1 };

describe('runEvaluation', () => {
  it('renders, calls the model only for output assertions, and judges each case', async () => {
    const before = llm.requests.length;
    const seen: CaseOutcome[] = [];
    const { status, outcomes } = await runEvaluation({
      cases: [c('hi', 'hi', [outputHas('Say hi')]), c('prompt only', 'yo', [promptHas('yo')]), c('bad', 'x', [outputHas('nope')])],
      content,
      provider: provider('echo'),
      call: fast,
      onResult: (o) => void seen.push(o),
    });
    expect(status).toBe('failed');
    expect(llm.requests.length - before).toBe(2);
    const byName = Object.fromEntries(outcomes.map((o) => [o.caseName, o]));
    expect(byName.hi).toMatchObject({ status: 'passed', output: 'Say hi', tokensIn: 7 });
    expect(byName['prompt only']).toMatchObject({ status: 'passed', output: null, latencyMs: null });
    expect(byName.bad).toMatchObject({ status: 'failed', output: 'Say x' });
    expect(seen).toHaveLength(3);
  });

  it('errors cases that need a model when no provider is configured', async () => {
    const { status, outcomes } = await runEvaluation({
      cases: [c('a', 'x', [outputHas('x')]), c('b', 'x', [promptHas('x')])],
      content,
      provider: null,
    });
    expect(status).toBe('errored');
    expect(outcomes.find((o) => o.caseName === 'a')).toMatchObject({ status: 'errored', error: 'no model provider configured' });
    expect(outcomes.find((o) => o.caseName === 'b')!.status).toBe('passed');
  });

  it('turns provider failures into errored cases without stopping the others', async () => {
    const { status, outcomes } = await runEvaluation({
      cases: [c('a', 'x', [outputHas('x')]), c('b', 'y', [promptHas('y')])],
      content,
      provider: provider('fail500'),
      call: fast,
    });
    expect(status).toBe('errored');
    expect(outcomes.find((o) => o.caseName === 'a')!.error).toBe('provider answered 500: the fake model is down (after 3 attempts)');
    expect(outcomes.find((o) => o.caseName === 'b')!.status).toBe('passed');
  });

  it('errors a case whose stored assertions are invalid', async () => {
    const { outcomes } = await runEvaluation({
      cases: [{ name: 'z', variables: {}, assertions: null, invalid: 'assertions.0: bad' }],
      content,
      provider: null,
    });
    expect(outcomes[0]).toMatchObject({ status: 'errored', error: 'assertions.0: bad' });
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    const limited = await startFakeLlm();
    const controller = new AbortController();
    try {
      const cases = Array.from({ length: 5 }, (_, i) => c(`c${i}`, `w${i}`, [outputHas('slow')]));
      const run = runEvaluation({
        cases,
        content,
        provider: { ...provider('slow'), baseUrl: limited.baseUrl },
        concurrency: 2,
        signal: controller.signal,
        call: { timeoutMs: 10_000, retries: 0 },
      });
      while (limited.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
      // The slow model holds both calls for 3 s: a third would have arrived by now if allowed.
      await new Promise((r) => setTimeout(r, 300));
      expect(limited.requests).toHaveLength(2);
      controller.abort();
      expect((await run).outcomes).toHaveLength(2);
    } finally {
      controller.abort();
      await limited.close();
    }
  });

  it('stops starting cases when cancelled and aborts the calls in flight', async () => {
    const controller = new AbortController();
    const cases = Array.from({ length: 4 }, (_, i) => c(`s${i}`, `w${i}`, [outputHas('slow')]));
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    const { status, outcomes } = await runEvaluation({
      cases,
      content,
      provider: provider('slow'),
      concurrency: 2,
      signal: controller.signal,
      call: { timeoutMs: 10_000, retries: 0 },
    });
    expect(status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(outcomes.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('stops and rethrows when recording a result fails', async () => {
    const cases = Array.from({ length: 3 }, (_, i) => c(`r${i}`, 'x', [promptHas('x')]));
    let calls = 0;
    const run = runEvaluation({
      cases,
      content,
      provider: null,
      concurrency: 1,
      onResult: () => {
        calls++;
        throw new Error('disk full');
      },
    });
    await expect(run).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});

describe('maxCaseDurationMs', () => {
  it('is every attempt timing out plus the longest waits between them', () => {
    expect(maxCaseDurationMs({ timeoutMs: 1_000, retries: 2, maxBackoffMs: 50 })).toBe(3_100);
    expect(maxCaseDurationMs({ timeoutMs: 1_000, retries: 0 })).toBe(1_000);
    expect(maxCaseDurationMs()).toBe(3 * DEFAULT_CALL_OPTIONS.timeoutMs + 2 * 10_000);
  });
});
