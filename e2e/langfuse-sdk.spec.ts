// The official Langfuse SDK (@langfuse/client) against Galley's Langfuse-compatible endpoint
// (lib/api/langfuse.ts), unchanged but for its base URL and keys: a Galley API key is the
// secret key, any public key will do. Setup goes through the server actions over HTTP.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { LangfuseClient } from '@langfuse/client';
import type { Content } from '../lib/domain/content';
import { callAction, newApiClient, signInApi } from './action-client';
import { expect, test } from './fixtures';
import { flightOf, ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

interface Setup {
  baseURL: string;
  ws: string;
  slug: string;
  promptId: string;
  promptPath: string;
  owner: APIRequestContext;
  draftRevisionId: string;
  keys: { prod: string; dev: string; revoked: string };
}

const s = {} as Setup;
const clients: APIRequestContext[] = [];
const VARIABLES = { customer: 'Ada', question: 'Where is my order #42?' };

const langfuse = (secretKey: string) => new LangfuseClient({ baseUrl: s.baseURL, publicKey: 'pk-any', secretKey });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  s.baseURL = baseURL;
  const client = async () => {
    const c = await newApiClient(baseURL);
    clients.push(c);
    return c;
  };
  const run = randomBytes(4).toString('hex');
  const email = `langfuse-${run}@example.test`;
  const password = 'e2e-Langfuse-Sdk-42';
  const visitor = await client();
  const { workspaceSlug: ws } = ok(
    await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name: `Langfuse ${run}`, email, password }]),
    'signUp',
  );
  s.ws = ws;
  s.owner = await client();
  await signInApi(s.owner, email, password);
  const { slug } = ok(
    await callAction<{ slug: string }>(s.owner, `/w/${ws}/prompts/new`, KEYS.createPrompt, [
      { workspace: ws, name: `Langfuse ${run}`, slug: `langfuse-${run}` },
    ]),
    'createPrompt',
  );
  s.slug = slug;
  s.promptPath = `/w/${ws}/prompts/${slug}`;
  const promptId = /"promptId":"([^"]+)"/.exec(flightOf(await (await s.owner.get(s.promptPath)).text()))?.[1];
  if (!promptId) throw new Error('The prompt page no longer carries the prompt id in its props');
  s.promptId = promptId;

  const save = async (baseRevisionId: string, system: string, user: string) => {
    const head = ok(
      await callAction<{ id: string; content: Content }>(s.owner, s.promptPath, KEYS.loadDraftHead, [{ workspace: ws, promptId }]),
      'loadDraftHead',
    );
    const content: Content = structuredClone(head.content);
    content.blocks = content.blocks.slice(0, 2);
    content.blocks[0] = { ...content.blocks[0]!, kind: 'system', body: system, enabled: true };
    content.blocks[1] = { ...content.blocks[1]!, kind: 'user', body: user, enabled: true };
    content.variables = [
      { name: 'customer', type: 'string', required: true },
      { name: 'question', type: 'string', required: true },
    ];
    return ok(
      await callAction<{ revision: { id: string } }>(s.owner, s.promptPath, KEYS.saveDraft, [
        { workspace: ws, promptId, baseRevisionId: baseRevisionId || head.id, content },
      ]),
      'saveDraft',
    ).revision.id;
  };
  const v1Revision = await save('', 'You help {{customer}} politely.', 'Question: {{ question }}');
  ok(
    await callAction(s.owner, `${s.promptPath}/releases`, KEYS.publish, [{ workspace: ws, promptId, revisionId: v1Revision, note: 'v1' }]),
    'publish v1',
  );
  s.draftRevisionId = await save(v1Revision, 'DRAFT-ONLY system for {{customer}}.', 'Draft question: {{question}}');

  const settings = `/w/${ws}/settings`;
  const createKey = async (name: string, environment: 'production' | 'development') =>
    ok(await callAction<{ id: string; key: string }>(s.owner, settings, KEYS.createApiKey, [{ workspace: ws, name, environment }]), name);
  const prod = await createKey('langfuse production', 'production');
  const dev = await createKey('langfuse development', 'development');
  const revoked = await createKey('langfuse revoked', 'production');
  ok(await callAction(s.owner, settings, KEYS.revokeApiKey, [{ workspace: ws, keyId: revoked.id }]), 'revokeApiKey');
  s.keys = { prod: prod.key, dev: dev.key, revoked: revoked.key };
});

test.afterAll(async () => {
  for (const c of clients) await c.dispose();
});

/** Galley's own render of the production prompt, for comparison with the SDK's compile(). */
async function galleyRender(key: string, version?: number) {
  const res = await s.owner.post(`/api/v1/prompts/${s.slug}/render`, {
    headers: { authorization: `Bearer ${key}` },
    data: { variables: VARIABLES, ...(version && { version }) },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { messages: { role: string; content: string }[] };
}

test('the SDK gets a prompt by label and by version, and compile() matches Galley render', async () => {
  const lf = langfuse(s.keys.prod);
  const byLabel = await lf.prompt.get(s.slug, { label: 'production', cacheTtlSeconds: 0 });
  expect(byLabel.name).toBe(s.slug);
  expect(byLabel.version).toBe(1);
  expect(byLabel.type).toBe('chat');
  expect(byLabel.config).toMatchObject({ provider: expect.any(String), model: expect.any(String) });

  const byDefault = await lf.prompt.get(s.slug, { cacheTtlSeconds: 0 });
  expect(byDefault.version).toBe(1);
  const byVersion = await lf.prompt.get(s.slug, { version: 1, type: 'chat' });
  expect(byVersion.version).toBe(1);

  const rendered = await galleyRender(s.keys.prod);
  expect(byLabel.compile(VARIABLES)).toEqual(rendered.messages);
  expect(byVersion.compile(VARIABLES)).toEqual((await galleyRender(s.keys.prod, 1)).messages);
  expect(rendered.messages[1]!.content).toBe('Question: Where is my order #42?');
});

test('a production key never receives the draft; a development key does', async () => {
  const prod = langfuse(s.keys.prod);
  for (const label of ['production', 'latest']) {
    const p = await prod.prompt.get(s.slug, { label, cacheTtlSeconds: 0 });
    expect(JSON.stringify(p.prompt)).not.toContain('DRAFT-ONLY');
  }
  await expect(prod.prompt.get(s.slug, { label: 'development', cacheTtlSeconds: 0 })).rejects.toMatchObject({ statusCode: 403 });
  await expect(prod.prompt.get(s.slug, { version: 2, cacheTtlSeconds: 0 })).rejects.toMatchObject({ statusCode: 404 });

  const dev = await langfuse(s.keys.dev).prompt.get(s.slug, { label: 'development', cacheTtlSeconds: 0 });
  expect(JSON.stringify(dev.prompt)).toContain('DRAFT-ONLY');
  // Compiled by the SDK exactly as Galley renders the draft for a development key.
  expect(dev.compile(VARIABLES)).toEqual((await galleyRender(s.keys.dev)).messages);
});

test('a revoked key and a bad secret are refused', async () => {
  await expect(langfuse(s.keys.revoked).prompt.get(s.slug, { cacheTtlSeconds: 0 })).rejects.toMatchObject({ statusCode: 401 });
  await expect(langfuse('sk-lf-not-a-galley-key').prompt.get(s.slug, { cacheTtlSeconds: 0 })).rejects.toMatchObject({ statusCode: 401 });
  // Writes through the SDK are refused: Galley publishes through review.
  await expect(
    langfuse(s.keys.prod).prompt.create({ name: s.slug, type: 'text', prompt: 'x', labels: ['production'] }),
  ).rejects.toMatchObject({
    statusCode: 403,
  });
});

test("the SDK's cache refreshes after a publish", async () => {
  const lf = langfuse(s.keys.prod);
  const first = await lf.prompt.get(s.slug, { cacheTtlSeconds: 1 });
  expect(first.version).toBe(1);
  ok(
    await callAction(s.owner, `${s.promptPath}/releases`, KEYS.publish, [
      { workspace: s.ws, promptId: s.promptId, revisionId: s.draftRevisionId, note: 'v2' },
    ]),
    'publish v2',
  );
  // Within the TTL the SDK answers from its cache; after it, it refetches (stale while it does).
  expect((await lf.prompt.get(s.slug, { cacheTtlSeconds: 1 })).version).toBe(1);
  await expect
    .poll(async () => (await lf.prompt.get(s.slug, { cacheTtlSeconds: 1 })).version, { timeout: 10_000, intervals: [500] })
    .toBe(2);
  const v2 = await lf.prompt.get(s.slug, { cacheTtlSeconds: 1 });
  expect(JSON.stringify(v2.prompt)).toContain('DRAFT-ONLY');
  expect(v2.compile(VARIABLES)).toEqual((await galleyRender(s.keys.prod)).messages);
});
