import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { compareWithProduction, getRun, latestRunOn, listRuns } from '@/lib/data/evaluation-runs';
import { cancelRun, startRun, waitForRun, type RunOptions } from '@/lib/data/evaluation-service';
import { createTestCase, deleteTestCase, listTestCases, updateTestCase } from '@/lib/data/test-cases';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { createProvider, deleteProvider, listProviderChoices, listProviders, updateProvider } from '@/lib/data/providers';
import { getPublishCheck, publish } from '@/lib/data/publish';
import { saveDraft } from '@/lib/data/revisions';
import type { WorkspaceContext } from '@/lib/authz';
import type { Assertion } from '@/lib/domain/eval/assertions';
import type { TestCaseInput } from '@/lib/domain/eval/test-case';
import { contentHash } from '@/lib/domain/hash';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { decryptSecret, keyFromSecret } from '@/lib/eval/crypto';
import { userContent } from '@/tests/factories';
import { startFakeLlm, type FakeLlm } from '@/tests/fake-llm/server';
import { addMember, errorCode, newTenant } from './helpers';

const key = keyFromSecret('integration-test-secret');
const fast: RunOptions = { call: { timeoutMs: 5_000, retries: 2, backoffMs: 1 } };

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const contentWith = (body: string) =>
  userContent(body, { system: 'You write short notes.', variables: [{ name: 'topic', type: 'string', required: true }], temperature: 0 });

const outputHas = (value: string): Assertion => ({ type: 'contains', target: 'output', value });
const mentionsTopic: TestCaseInput = {
  name: 'mentions the topic',
  variables: { topic: 'cats' },
  assertions: [{ type: 'renders', target: 'prompt' }, { type: 'contains', target: 'prompt', value: 'cats' }, outputHas('cats')],
};
const asksForBrevity: TestCaseInput = { name: 'asks for brevity', variables: { topic: 'dogs' }, assertions: [outputHas('Be concise')] };

async function setup(model = 'echo', body = 'Write about {{topic}}.') {
  const admin = await newTenant();
  const editor = await addMember(admin, 'editor');
  const { id: promptId, slug } = await createPrompt(editor, { name: 'Notes', slug: 'notes', description: '', tags: [] }, contentWith(body));
  const provider = await createProvider(admin, { name: 'Fake', baseUrl: llm.baseUrl, model, apiKey: 'sk-fake-123' }, key);
  const head = async () => (await getPrompt(admin, slug)).headRevision!;
  return { admin, editor, promptId, provider, head };
}

async function runAndWait(
  ctx: WorkspaceContext,
  promptId: string,
  opts: RunOptions = fast,
  input: { providerId?: string; revisionId?: string; releaseId?: string } = {},
) {
  const run = await startRun(ctx, { promptId, ...input }, key, opts);
  await waitForRun(run.id);
  return getRun(ctx, promptId, run.id);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('model providers', () => {
  it('stores the API key encrypted and never returns it', async () => {
    const { admin, editor, provider } = await setup();
    expect(provider).toEqual({
      id: expect.any(String),
      name: 'Fake',
      baseUrl: llm.baseUrl,
      model: 'echo',
      hasApiKey: true,
      createdAt: expect.any(Date),
      updatedAt: expect.any(Date),
    });
    const prisma = await db();
    const [raw] = await prisma.$queryRaw<
      { apiKeyEncrypted: string }[]
    >`SELECT "apiKeyEncrypted" FROM "ModelProvider" WHERE id = ${provider.id}`;
    expect(raw!.apiKeyEncrypted).not.toContain('sk-fake-123');
    expect(raw!.apiKeyEncrypted).toMatch(/^v1:/);
    expect(decryptSecret(raw!.apiKeyEncrypted, key)).toBe('sk-fake-123');

    const listed = await listProviders(admin);
    const choices = await listProviderChoices(editor);
    expect(JSON.stringify([listed, choices])).not.toMatch(/sk-fake|v1:/);
    expect(choices).toEqual([{ id: provider.id, name: 'Fake', model: 'echo' }]);

    // undefined keeps the key, '' removes it.
    expect((await updateProvider(admin, provider.id, { name: 'Fake', baseUrl: llm.baseUrl, model: 'json' }, key)).hasApiKey).toBe(true);
    expect((await prisma.modelProvider.findUniqueOrThrow({ where: { id: provider.id } })).apiKeyEncrypted).toBe(raw!.apiKeyEncrypted);
    expect(
      (await updateProvider(admin, provider.id, { name: 'Fake', baseUrl: llm.baseUrl, model: 'json', apiKey: '' }, key)).hasApiKey,
    ).toBe(false);
  });

  it('sends the decrypted key to the provider', async () => {
    const { editor, promptId } = await setup();
    await createTestCase(editor, promptId, mentionsTopic);
    const before = llm.requests.length;
    await runAndWait(editor, promptId);
    expect(llm.requests.slice(before).map((r) => r.authorization)).toEqual(['Bearer sk-fake-123']);
  });

  it('is for admins only, with field errors for a bad URL and a taken name', async () => {
    const { admin, editor } = await setup();
    expect(await errorCode(createProvider(editor, { name: 'X', baseUrl: llm.baseUrl, model: 'echo' }, key))).toBe('forbidden');
    expect(await errorCode(listProviders(editor))).toBe('forbidden');
    const bad = await createProvider(admin, { name: 'X', baseUrl: 'ftp://nope', model: 'echo' }, key).catch((e) => e);
    expect(bad.fieldErrors.baseUrl[0]).toMatch(/http\(s\) URL/);
    const taken = await createProvider(admin, { name: 'Fake', baseUrl: llm.baseUrl, model: 'echo' }, key).catch((e) => e);
    expect(taken).toMatchObject({ code: 'invalid', fieldErrors: { name: [expect.stringMatching(/already used/)] } });
  });
});

describe('test cases', () => {
  it('gives a field error for an invalid regex or JSON Schema, and saves nothing', async () => {
    const { editor, promptId } = await setup();
    const badRegex = await createTestCase(editor, promptId, {
      name: 'r',
      assertions: [{ type: 'regex', target: 'output', pattern: '([a-z]' }],
    }).catch((e) => e);
    expect(badRegex.code).toBe('invalid');
    expect(badRegex.fieldErrors['assertions.0.pattern'][0]).toMatch(/Invalid regular expression/);
    const badSchema = await createTestCase(editor, promptId, {
      name: 's',
      assertions: [{ type: 'json_schema', target: 'output', schema: { type: 'object', properties: { ok: { type: 'bool' } } } }],
    }).catch((e) => e);
    expect(badSchema.fieldErrors['assertions.0.schema'][0]).toMatch(/^properties\.ok\.type: "type" must be one of/);
    expect(await listTestCases(editor, promptId)).toEqual([]);
  });

  it('creates, lists, updates and deletes cases; names are unique per prompt', async () => {
    const { admin, editor, promptId } = await setup();
    const created = await createTestCase(editor, promptId, mentionsTopic);
    expect(created).toMatchObject({ name: 'mentions the topic', variables: { topic: 'cats' }, invalid: null });
    expect(await errorCode(createTestCase(editor, promptId, mentionsTopic))).toBe('invalid');
    const viewer = await addMember(admin, 'viewer');
    expect(await errorCode(createTestCase(viewer, promptId, asksForBrevity))).toBe('forbidden');
    expect((await listTestCases(viewer, promptId)).map((c) => c.name)).toEqual(['mentions the topic']);
    const updated = await updateTestCase(editor, promptId, created.id, { ...mentionsTopic, name: 'renamed' });
    expect(updated.name).toBe('renamed');
    await deleteTestCase(editor, promptId, created.id);
    expect(await listTestCases(editor, promptId)).toEqual([]);
  });
});

describe('evaluation runs', () => {
  it('runs two cases, one failing, then passes after the draft is fixed; compares with production', async () => {
    const { admin, editor, promptId, head } = await setup();
    await createTestCase(editor, promptId, mentionsTopic);
    await createTestCase(editor, promptId, asksForBrevity);

    const started = await startRun(editor, { promptId }, key, fast);
    expect(started).toMatchObject({
      status: 'running',
      total: 2,
      contentHash: contentHash(contentWith('Write about {{topic}}.')),
      revision: { number: 1 },
    });
    await waitForRun(started.id);
    const first = await getRun(editor, promptId, started.id);
    expect(first).toMatchObject({
      status: 'failed',
      total: 2,
      passed: 1,
      failed: 1,
      errored: 0,
      provider: { name: 'Fake' },
      finishedAt: expect.any(Date),
    });
    const byName = Object.fromEntries(first.results.map((r) => [r.caseName, r]));
    expect(byName['mentions the topic']).toMatchObject({ status: 'passed', output: 'Write about cats.', tokensIn: 7, error: null });
    expect(byName['mentions the topic']!.latencyMs).toEqual(expect.any(Number));
    expect(byName['asks for brevity']).toMatchObject({ status: 'failed', output: 'Write about dogs.' });
    expect(byName['asks for brevity']!.assertionResults).toEqual([
      { type: 'contains', target: 'output', passed: false, message: 'The output does not contain "Be concise"' },
    ]);

    // Publish v1 as it is, so later runs have a production baseline.
    const v1 = await publish(admin, { promptId, revisionId: (await head()).id, note: 'v1' });
    await saveDraft(editor, { promptId, baseRevisionId: (await head()).id, content: contentWith('Write about {{topic}}. Be concise.') });
    const second = await runAndWait(editor, promptId);
    expect(second).toMatchObject({ status: 'passed', passed: 2, failed: 0, revision: { number: 2 } });
    expect(second.contentHash).not.toBe(first.contentHash);

    expect((await listRuns(editor, promptId)).map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await latestRunOn(editor, promptId, first.contentHash))?.id).toBe(first.id);

    const compared = await compareWithProduction(editor, promptId, second.id);
    expect(compared.production).toMatchObject({ id: v1.id, version: 1 });
    expect(compared.baseline?.id).toBe(first.id);
    expect(compared.comparison).toMatchObject({ fixed: 1, regressed: 0, same: 1 });
    expect(compared.comparison!.cases.find((c) => c.caseName === 'asks for brevity')).toMatchObject({
      baseline: 'failed',
      current: 'passed',
      change: 'fixed',
    });

    // A run on the release itself records the release.
    const onRelease = await runAndWait(editor, promptId, fast, { releaseId: v1.id });
    expect(onRelease).toMatchObject({ status: 'failed', release: { version: 1 }, revision: null, contentHash: v1.contentHash });
  });

  it('blocks publishing under the policy until a passing run exists on that exact content', async () => {
    const { admin, editor, promptId, head } = await setup();
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requirePassingEvaluation: true });
    await createTestCase(editor, promptId, mentionsTopic);
    await createTestCase(editor, promptId, asksForBrevity);

    let check = await getPublishCheck(admin, promptId);
    expect(check.gate).toEqual({ allowed: false, reasons: ['A passing evaluation run on this exact content is required.'] });
    await runAndWait(editor, promptId);
    check = await getPublishCheck(admin, promptId);
    expect(check.gate).toEqual({ allowed: false, reasons: ['The latest evaluation run on this content failed.'] });
    expect(await errorCode(publish(admin, { promptId, revisionId: (await head()).id, note: 'no' }))).toBe('conflict');

    await saveDraft(editor, { promptId, baseRevisionId: (await head()).id, content: contentWith('Write about {{topic}}. Be concise.') });
    expect((await getPublishCheck(admin, promptId)).gate.reasons).toEqual(['A passing evaluation run on this exact content is required.']);
    expect((await runAndWait(editor, promptId)).status).toBe('passed');
    expect((await getPublishCheck(admin, promptId)).gate).toEqual({ allowed: true, reasons: [] });

    // Any further change needs its own passing run.
    const fixed = await head();
    await saveDraft(editor, { promptId, baseRevisionId: fixed.id, content: contentWith('Write about {{topic}}. Be concise!') });
    expect((await getPublishCheck(admin, promptId)).gate.allowed).toBe(false);
    expect((await getPublishCheck(admin, promptId, fixed.id)).gate.allowed).toBe(true);
    const release = await publish(admin, { promptId, revisionId: fixed.id, note: 'tested' });
    expect(release.version).toBe(1);
  });

  it('errors a case on a 500 with the provider message, and the other cases still run', async () => {
    const { admin, editor, promptId } = await setup('fail500');
    await createTestCase(editor, promptId, mentionsTopic);
    await createTestCase(editor, promptId, {
      name: 'prompt only',
      variables: { topic: 'x' },
      assertions: [{ type: 'max_length', target: 'prompt', tokens: 100 }],
    });
    const run = await runAndWait(editor, promptId, { call: { timeoutMs: 5_000, retries: 1, backoffMs: 1 } });
    expect(run).toMatchObject({ status: 'errored', errored: 1, passed: 1 });
    const errored = run.results.find((r) => r.caseName === 'mentions the topic')!;
    expect(errored).toMatchObject({
      status: 'errored',
      error: 'provider answered 500: the fake model is down (after 2 attempts)',
      output: null,
    });
    expect(errored.assertionResults.map((a) => a.skipped ?? false)).toEqual([false, false, true]);
    expect((await getPublishCheck(admin, promptId)).gate.allowed).toBe(true); // the policy is off here
  });

  it('retries a 429 and then passes', async () => {
    const { editor, promptId } = await setup('rate429');
    await createTestCase(editor, promptId, { ...mentionsTopic, variables: { topic: `cats ${promptId}` }, assertions: [outputHas('cats')] });
    const before = llm.requests.length;
    const run = await runAndWait(editor, promptId);
    expect(run.status).toBe('passed');
    expect(llm.requests.length - before).toBe(3);
  });

  it('errors a case that takes longer than the timeout', async () => {
    const { editor, promptId } = await setup('slow');
    await createTestCase(editor, promptId, mentionsTopic);
    const run = await runAndWait(editor, promptId, { call: { timeoutMs: 300, retries: 2 } });
    expect(run.status).toBe('errored');
    expect(run.results[0]).toMatchObject({ status: 'errored', error: 'timed out after 300 ms' });
  });

  it('errors the cases with the reason when the provider is unreachable', async () => {
    const { admin, editor, promptId, provider } = await setup();
    await updateProvider(admin, provider.id, { name: 'Fake', baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, model: 'echo' }, key);
    await createTestCase(editor, promptId, mentionsTopic);
    await createTestCase(editor, promptId, asksForBrevity);
    const run = await runAndWait(editor, promptId);
    expect(run).toMatchObject({ status: 'errored', errored: 2 });
    expect(run.results.map((r) => r.error)).toEqual(['could not connect: ECONNREFUSED', 'could not connect: ECONNREFUSED']);
    expect(await listTestCases(editor, promptId)).toHaveLength(2); // nothing lost
  });

  it('errors cases that need a model when no provider is configured', async () => {
    const { admin, editor, promptId, provider } = await setup();
    await deleteProvider(admin, provider.id);
    await createTestCase(editor, promptId, mentionsTopic);
    const run = await runAndWait(editor, promptId);
    expect(run).toMatchObject({ status: 'errored', provider: null });
    expect(run.results[0]!.error).toBe('no model provider configured');
  });

  it('refuses to start a run without test cases', async () => {
    const { editor, promptId } = await setup();
    expect(await errorCode(startRun(editor, { promptId }, key))).toBe('invalid');
  });

  it('cancels a run with slow cases: cases not started are skipped, the call in flight is aborted', async () => {
    const { editor, promptId } = await setup('slow');
    for (const topic of ['a', 'b', 'c', 'd'])
      await createTestCase(editor, promptId, { name: topic, variables: { topic }, assertions: [outputHas('slow')] });
    const before = llm.requests.length;
    const started = Date.now();
    const run = await startRun(editor, { promptId }, key, { concurrency: 1, call: { timeoutMs: 10_000, retries: 0 } });
    while (llm.requests.length === before) await new Promise((r) => setTimeout(r, 10));
    expect(await cancelRun(editor, run.id)).toEqual({ status: 'cancelled' });
    await waitForRun(run.id);
    expect(Date.now() - started).toBeLessThan(2_500);
    const cancelled = await getRun(editor, promptId, run.id);
    expect(cancelled).toMatchObject({ status: 'cancelled', passed: 0, failed: 0, errored: 0, finishedAt: expect.any(Date) });
    expect(cancelled.results.map((r) => r.status)).toEqual(['cancelled']);
    expect(llm.requests.length - before).toBe(1);
    expect(await errorCode(cancelRun(editor, run.id))).toBe('conflict');
    expect(await latestRunOn(editor, promptId, cancelled.contentHash)).toBeNull();
  });

  it('needs the editor role to run', async () => {
    const { admin, editor, promptId } = await setup();
    await createTestCase(editor, promptId, mentionsTopic);
    const viewer = await addMember(admin, 'viewer');
    expect(await errorCode(startRun(viewer, { promptId }, key))).toBe('forbidden');
  });

  it('keeps another workspace out: not_found everywhere', async () => {
    const a = await setup();
    await createTestCase(a.editor, a.promptId, mentionsTopic);
    const [testCase] = await listTestCases(a.editor, a.promptId);
    const run = await runAndWait(a.editor, a.promptId);
    const b = await setup();
    const outsider = b.admin;
    expect(await errorCode(listTestCases(outsider, a.promptId))).toBe('not_found');
    expect(await errorCode(createTestCase(outsider, a.promptId, asksForBrevity))).toBe('not_found');
    expect(await errorCode(updateTestCase(outsider, a.promptId, testCase!.id, mentionsTopic))).toBe('not_found');
    expect(await errorCode(updateTestCase(outsider, b.promptId, testCase!.id, mentionsTopic))).toBe('not_found');
    expect(await errorCode(deleteTestCase(outsider, b.promptId, testCase!.id))).toBe('not_found');
    expect(await errorCode(startRun(outsider, { promptId: a.promptId }, key))).toBe('not_found');
    expect(await errorCode(startRun(a.editor, { promptId: a.promptId, providerId: b.provider.id }, key))).toBe('not_found');
    expect(await errorCode(startRun(b.editor, { promptId: b.promptId, revisionId: run.revision!.id }, key))).toBe('not_found');
    expect(await errorCode(getRun(outsider, a.promptId, run.id))).toBe('not_found');
    expect(await errorCode(getRun(outsider, b.promptId, run.id))).toBe('not_found');
    expect(await errorCode(listRuns(outsider, a.promptId))).toBe('not_found');
    expect(await errorCode(cancelRun(outsider, run.id))).toBe('not_found');
    expect(await errorCode(compareWithProduction(outsider, a.promptId, run.id))).toBe('not_found');
    expect(await errorCode(updateProvider(outsider, a.provider.id, { name: 'x', baseUrl: llm.baseUrl, model: 'echo' }, key))).toBe(
      'not_found',
    );
    expect(await errorCode(deleteProvider(outsider, a.provider.id))).toBe('not_found');
    expect(await listTestCases(a.editor, a.promptId)).toHaveLength(1);
  });
});
