// The official MCP SDK client (@modelcontextprotocol/sdk, unmodified: Client plus
// StreamableHTTPClientTransport with a Bearer header) against the running app's /api/mcp:
// prompts and their arguments, rendering equal to /api/v1's, every tool, the environment
// rules, refused keys, and malformed requests over raw HTTP. Setup goes through the server
// actions over HTTP.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Content } from '../lib/domain/content';
import { callAction } from './action-client';
import { createKey, createPromptWithId, loadHead, publishEdited, saveContent, signUpOwner, type Owner } from './api-setup';
import { expect, test } from './fixtures';
import { ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

const s = {} as { baseURL: string; owner: Owner; slug: string; unpublished: string; keys: { prod: string; dev: string; revoked: string } };
const clients: APIRequestContext[] = [];
const mcpClients: Client[] = [];
const ARGS = { customer: 'Ada', question: 'Where is my order #42?', words: '30' };
const VARIABLES = { customer: 'Ada', question: 'Where is my order #42?', words: 30 };

function withBlocks(content: Content, system: string, user: string): void {
  content.blocks = [
    { ...content.blocks[0]!, kind: 'system', body: system, enabled: true },
    { ...content.blocks[1]!, kind: 'user', body: user, enabled: true },
  ];
  content.variables = [
    { name: 'customer', type: 'string', required: true, description: 'Who is asking' },
    { name: 'question', type: 'string', required: true },
    { name: 'words', type: 'number', required: false, default: 50 },
  ];
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  s.baseURL = baseURL;
  const run = randomBytes(4).toString('hex');
  s.owner = await signUpOwner(baseURL, `MCP ${run}`, `mcp-${run}@example.test`, 'e2e-Mcp-Client-42', (c) => clients.push(c));
  const prompt = await createPromptWithId(s.owner, `MCP ${run}`, `mcp-${run}`);
  s.slug = prompt.slug;
  const system = 'You help {{customer}} politely, in at most {{words}} words.';
  await publishEdited(s.owner, prompt, (c) => withBlocks(c, system, 'Question: {{question}}'), 'v1');
  await publishEdited(s.owner, prompt, (c) => withBlocks(c, system, 'Question: {{question}} (v2 wording)'), 'v2');
  const head = await loadHead(s.owner, prompt);
  const draft = structuredClone(head.content);
  withBlocks(draft, 'DRAFT-ONLY system for {{customer}}.', 'Draft question: {{question}}');
  await saveContent(s.owner, prompt, head.id, draft);

  // Created with a draft (r1) and never published.
  s.unpublished = (await createPromptWithId(s.owner, `MCP unpublished ${run}`, `mcp-unpublished-${run}`)).slug;

  const prod = await createKey(s.owner, 'mcp production', 'production');
  const dev = await createKey(s.owner, 'mcp development', 'development');
  const revoked = await createKey(s.owner, 'mcp revoked', 'production');
  ok(
    await callAction(s.owner.client, `/w/${s.owner.ws}/settings`, KEYS.revokeApiKey, [{ workspace: s.owner.ws, keyId: revoked.id }]),
    'revoke',
  );
  s.keys = { prod: prod.key, dev: dev.key, revoked: revoked.key };
});

test.afterAll(async () => {
  for (const c of mcpClients) await c.close();
  for (const c of clients) await c.dispose();
});

function transport(key: string): StreamableHTTPClientTransport {
  return new StreamableHTTPClientTransport(new URL('/api/mcp', s.baseURL), {
    requestInit: { headers: { Authorization: `Bearer ${key}` } },
  });
}

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'galley-e2e', version: '1.0.0' });
  await client.connect(transport(key));
  mcpClients.push(client);
  return client;
}

/** Galley's own render, for comparison. */
async function galleyRender(key: string, version?: number) {
  const res = await s.owner.client.post(`/api/v1/prompts/${s.slug}/render`, {
    headers: { authorization: `Bearer ${key}` },
    data: { variables: VARIABLES, ...(version && { version }) },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as { messages: { role: string; content: string }[]; text: string; version: number };
}

async function callTool(client: Client, name: string, args: Record<string, unknown>) {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  return { ...result, text: first?.type === 'text' ? first.text : '' };
}

test('listPrompts: the prompts the key may read, with their variables as arguments', async () => {
  const prod = await (await connect(s.keys.prod)).listPrompts();
  const names = prod.prompts.map((p) => p.name);
  expect(names).toContain(s.slug);
  expect(names).not.toContain(s.unpublished);
  expect(prod.prompts.find((p) => p.name === s.slug)?.arguments).toEqual([
    { name: 'customer', description: 'Who is asking (text)', required: true },
    { name: 'question', description: '(text)', required: true },
    { name: 'words', description: '(a number; default 50)', required: false },
  ]);
  const dev = await (await connect(s.keys.dev)).listPrompts();
  expect(dev.prompts.map((p) => p.name)).toEqual(expect.arrayContaining([s.slug, s.unpublished]));
});

test('getPrompt renders the live release exactly as /api/v1 renders it; a missing argument is named', async () => {
  const client = await connect(s.keys.prod);
  const got = await client.getPrompt({ name: s.slug, arguments: ARGS });
  const rendered = await galleyRender(s.keys.prod);
  expect(rendered.messages.map((m) => m.role)).toEqual(['system', 'user']);
  expect(got.messages).toEqual(rendered.messages.map((m) => ({ role: 'user', content: { type: 'text', text: m.content } })));
  expect(got.messages[1]!.content).toEqual({ type: 'text', text: 'Question: Where is my order #42? (v2 wording)' });
  expect(got._meta).toMatchObject({ galley: { version: 2, roles: ['system', 'user'] } });

  const { customer, words } = ARGS;
  await expect(client.getPrompt({ name: s.slug, arguments: { customer, words } })).rejects.toMatchObject({
    code: -32602,
    message: expect.stringContaining('Missing required variable "question"'),
  });
  await expect(client.getPrompt({ name: s.slug, arguments: { ...ARGS, words: 'thirty' } })).rejects.toMatchObject({
    code: -32602,
    message: expect.stringContaining('Variable "words" must be a number'),
  });
  await expect(client.getPrompt({ name: 'no-such-prompt', arguments: {} })).rejects.toMatchObject({ code: -32602 });
});

test('every tool: list_prompts, get_prompt, render_prompt, compare_versions', async () => {
  const client = await connect(s.keys.prod);
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(['compare_versions', 'get_prompt', 'list_prompts', 'render_prompt']);

  const list = await callTool(client, 'list_prompts', {});
  expect(list.structuredContent).toMatchObject({
    environment: 'production',
    items: expect.arrayContaining([expect.objectContaining({ slug: s.slug, version: 2 })]),
  });

  const v1 = await callTool(client, 'get_prompt', { slug: s.slug, version: 1 });
  expect(v1.structuredContent).toMatchObject({ slug: s.slug, kind: 'release', version: 1 });
  expect(JSON.stringify(v1.structuredContent)).toContain('Question: {{question}}');
  expect(JSON.stringify(v1.structuredContent)).not.toContain('v2 wording');

  const rendered = await callTool(client, 'render_prompt', { slug: s.slug, variables: VARIABLES, version: 1 });
  const api = await galleyRender(s.keys.prod, 1);
  expect(rendered.structuredContent).toMatchObject({ messages: api.messages, text: api.text, version: 1 });

  const diff = await callTool(client, 'compare_versions', { slug: s.slug, from: 1, to: 2 });
  expect(diff.isError).toBeFalsy();
  expect(diff.text).toContain('-Question: {{question}}');
  expect(diff.text).toContain('+Question: {{question}} (v2 wording)');

  const failed = await callTool(client, 'compare_versions', { slug: s.slug, from: 1, to: 99 });
  expect(failed).toMatchObject({ isError: true, text: expect.stringContaining('has no release v99') });
});

test('a production key never receives the draft; a development key does', async () => {
  const prod = await connect(s.keys.prod);
  const seen = [
    await prod.getPrompt({ name: s.slug, arguments: ARGS }),
    await callTool(prod, 'get_prompt', { slug: s.slug }),
    await callTool(prod, 'render_prompt', { slug: s.slug, variables: VARIABLES }),
  ];
  for (const answer of seen) expect(JSON.stringify(answer)).not.toContain('DRAFT-ONLY');
  await expect(prod.getPrompt({ name: s.unpublished, arguments: {} })).rejects.toMatchObject({
    message: expect.stringContaining('no release yet'),
  });

  const dev = await connect(s.keys.dev);
  const draft = await dev.getPrompt({ name: s.slug, arguments: ARGS });
  expect(draft.messages[0]!.content).toEqual({ type: 'text', text: 'DRAFT-ONLY system for Ada.' });
  expect(draft.messages).toEqual(
    (await galleyRender(s.keys.dev)).messages.map((m) => ({ role: 'user', content: { type: 'text', text: m.content } })),
  );
});

test('a revoked or unknown key is refused with 401', async () => {
  for (const key of [s.keys.revoked, `glk_prod_${'Q'.repeat(32)}`]) {
    const client = new Client({ name: 'galley-e2e', version: '1.0.0' });
    await expect(client.connect(transport(key))).rejects.toMatchObject({ code: 401 });
  }
});

test('malformed requests get a 4xx JSON error with a message, never a 5xx or HTML', async () => {
  const accept = 'application/json, text/event-stream';
  const auth = { authorization: `Bearer ${s.keys.prod}`, accept, 'content-type': 'application/json' };
  const init = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  const list = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'prompts/list' });
  const cases: { what: string; method: string; headers: Record<string, string>; body?: string; status: number }[] = [
    { what: 'no key', method: 'POST', headers: { accept, 'content-type': 'application/json' }, body: init, status: 401 },
    { what: 'garbage key', method: 'POST', headers: { ...auth, authorization: 'Bearer nope' }, body: init, status: 401 },
    { what: 'revoked key', method: 'POST', headers: { ...auth, authorization: `Bearer ${s.keys.revoked}` }, body: init, status: 401 },
    { what: 'PUT', method: 'PUT', headers: auth, body: init, status: 405 },
    { what: 'PATCH', method: 'PATCH', headers: auth, body: init, status: 405 },
    { what: 'GET', method: 'GET', headers: { ...auth, accept: 'text/event-stream' }, status: 405 },
    { what: 'DELETE', method: 'DELETE', headers: auth, status: 405 },
    { what: 'not JSON', method: 'POST', headers: auth, body: '{"jsonrpc":', status: 400 },
    { what: 'not JSON-RPC', method: 'POST', headers: auth, body: '{"hello":"world"}', status: 400 },
    { what: 'an array of junk', method: 'POST', headers: auth, body: '[1,2,3]', status: 400 },
    { what: 'bad protocol version', method: 'POST', headers: { ...auth, 'mcp-protocol-version': '1.0' }, body: list, status: 400 },
    {
      what: 'form body',
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
      status: 415,
    },
    { what: 'JSON only in Accept', method: 'POST', headers: { ...auth, accept: 'application/json' }, body: list, status: 406 },
    {
      what: 'over 256 KB',
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'ping', params: { x: 'x'.repeat(300_000) } }),
      status: 413,
    },
  ];
  for (const c of cases) {
    const res = await s.owner.client.fetch('/api/mcp', { method: c.method, headers: c.headers, data: c.body });
    expect(res.status(), c.what).toBe(c.status);
    expect(res.headers()['content-type'], c.what).toContain('application/json');
    const body = (await res.json()) as { jsonrpc?: string; error?: { code?: unknown; message?: unknown } };
    expect(body.jsonrpc, c.what).toBe('2.0');
    expect(typeof body.error?.code, c.what).toBe('number');
    expect(String(body.error?.message).length, c.what).toBeGreaterThan(5);
    if (c.status === 401) expect(res.headers()['www-authenticate'], c.what).toBe('Bearer');
  }
  // A well-formed request for a method that does not exist: a JSON-RPC error in a 200.
  const unknown = await s.owner.client.post('/api/mcp', {
    headers: { ...auth, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION },
    data: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'prompts/delete' }),
  });
  expect(await unknown.json()).toMatchObject({ id: 9, error: { code: -32601 } });
});
