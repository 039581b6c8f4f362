import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, db } from '@/lib/data/db';
import { getRun, INTERRUPTED_ERROR, markInterruptedRuns } from '@/lib/data/evaluation-runs';
import { startRun, waitForRun } from '@/lib/data/evaluation-service';
import { createPrompt } from '@/lib/data/prompts';
import { createProvider } from '@/lib/data/providers';
import { createTestCase } from '@/lib/data/test-cases';
import type { Content } from '@/lib/domain/content';
import { keyFromSecret } from '@/lib/eval/crypto';
import { activeRuns, processStartedAt } from '@/lib/eval/registry';
import { startFakeLlm, type FakeLlm } from '@/tests/fake-llm/server';
import { addMember, newTenant } from './helpers';

const key = keyFromSecret('integration-test-secret');

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const content: Content = {
  blocks: [{ id: 'usr', kind: 'user', title: 'User', body: 'Write about {{topic}}.', enabled: true }],
  variables: [{ name: 'topic', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0, params: {} },
};

async function setup() {
  const admin = await newTenant();
  const editor = await addMember(admin, 'editor');
  const { id: promptId } = await createPrompt(editor, { name: 'Notes', slug: 'notes', description: '', tags: [] }, content);
  return { admin, editor, promptId };
}

const ago = (ms: number) => new Date(Date.now() - ms);
const HOUR = 60 * 60_000;

/** A run row as a process that stopped would have left it, with results written at `resultsAt`. */
async function leftRun(
  ctx: { userId: string },
  promptId: string,
  opts: { status?: 'queued' | 'running'; createdAt: Date; results?: { status: 'passed' | 'running'; createdAt: Date }[] },
) {
  const prisma = await db();
  const results = opts.results ?? [];
  return prisma.evaluationRun.create({
    data: {
      promptId,
      contentHash: 'sha256:left-behind',
      status: opts.status ?? 'running',
      total: 3,
      passed: results.filter((r) => r.status === 'passed').length,
      startedById: ctx.userId,
      createdAt: opts.createdAt,
      results: { create: results.map((r, i) => ({ caseName: `case ${i}`, status: r.status, createdAt: r.createdAt })) },
    },
    select: { id: true },
  });
}

describe('markInterruptedRuns', () => {
  it('errors runs silent for longer than a run can be, and their unfinished results', async () => {
    const { editor, promptId } = await setup();
    const old = await leftRun(editor, promptId, {
      createdAt: ago(HOUR),
      results: [
        { status: 'passed', createdAt: ago(HOUR) },
        { status: 'running', createdAt: ago(HOUR) },
      ],
    });
    const queued = await leftRun(editor, promptId, { status: 'queued', createdAt: ago(HOUR) });

    const marked = await markInterruptedRuns();
    expect(marked).toEqual(expect.arrayContaining([old.id, queued.id]));

    const run = await getRun(editor, promptId, old.id);
    expect(run).toMatchObject({ status: 'errored', total: 3, passed: 1, failed: 0, errored: 1, finishedAt: expect.any(Date) });
    expect(run.results.map((r) => [r.status, r.error])).toEqual([
      ['passed', null],
      ['errored', INTERRUPTED_ERROR],
    ]);
    expect(await getRun(editor, promptId, queued.id)).toMatchObject({ status: 'errored', errored: 0, finishedAt: expect.any(Date) });
    // Once finished, a run is left alone.
    expect(await markInterruptedRuns()).not.toContain(old.id);
  });

  it('leaves a run created since this process started, and any run this process executes', async () => {
    const { editor, promptId } = await setup();
    const fresh = await leftRun(editor, promptId, { createdAt: new Date() });
    const registered = await leftRun(editor, promptId, { createdAt: ago(HOUR) });
    activeRuns().set(registered.id, { controller: new AbortController(), done: Promise.resolve() });
    try {
      const marked = await markInterruptedRuns();
      for (const { id } of [fresh, registered]) {
        expect(marked).not.toContain(id);
        expect(await getRun(editor, promptId, id)).toMatchObject({ status: 'running', errored: 0, finishedAt: null });
      }
    } finally {
      activeRuns().delete(registered.id);
    }
  });

  it('on PGlite errors every run from before this process started; on PostgreSQL only silent ones, as another instance may be executing it', async () => {
    const { editor, promptId } = await setup();
    const beforeStart = await leftRun(editor, promptId, {
      createdAt: new Date(processStartedAt().getTime() - 1_000),
      results: [{ status: 'passed', createdAt: new Date() }],
    });
    const { engine } = await database();
    const marked = await markInterruptedRuns();
    const run = await getRun(editor, promptId, beforeStart.id);
    if (engine === 'pglite') {
      expect(marked).toContain(beforeStart.id);
      expect(run).toMatchObject({ status: 'errored', passed: 1, finishedAt: expect.any(Date) });
    } else {
      expect(marked).not.toContain(beforeStart.id);
      expect(run).toMatchObject({ status: 'running', finishedAt: null });
    }
  });

  it('does not disturb a run started in this process', async () => {
    const { admin, editor, promptId } = await setup();
    await createProvider(admin, { name: 'Fake', baseUrl: llm.baseUrl, model: 'echo', apiKey: 'sk-fake-123' }, key);
    await createTestCase(editor, promptId, {
      name: 'mentions the topic',
      variables: { topic: 'cats' },
      assertions: [{ type: 'contains', target: 'output', value: 'cats' }],
    });
    const run = await startRun(editor, { promptId }, key, { call: { timeoutMs: 5_000, retries: 2, backoffMs: 1 } });
    expect(await markInterruptedRuns()).not.toContain(run.id);
    await waitForRun(run.id);
    expect(await getRun(editor, promptId, run.id)).toMatchObject({ status: 'passed', passed: 1, errored: 0 });
  });
});
