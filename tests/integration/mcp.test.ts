// The MCP endpoint (lib/mcp) against a real database, through the official SDK client (its
// fetch pointed at the handler) and through raw requests: prompts, tools, the environment
// rules, and every malformed request answered with a JSON error, never a 5xx.
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LATEST_PROTOCOL_VERSION, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { handleApiRequest } from '@/lib/api/handler';
import { RateLimiter } from '@/lib/api/rate-limit';
import { createApiKey, revokeApiKey } from '@/lib/data/api-keys';
import { stageRevision } from '@/lib/data/deployments';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import type { Content } from '@/lib/domain/content';
import { handleMcpRequest } from '@/lib/mcp/http';
import { peekSingleton, setSingleton } from '@/lib/singleton';
import { userContent } from '../factories';
import { newTenant } from './helpers';

const URL_ = 'http://galley.test/api/mcp';

const contentWith = (body: string): Content =>
  userContent(`${body} {{count}} {{vip}} {{data}}`, {
    system: 'You help {{customer}}.',
    variables: [
      { name: 'customer', type: 'string', required: true, description: 'Who asks' },
      { name: 'count', type: 'number', required: true, default: 2 },
      { name: 'vip', type: 'boolean', required: false },
      { name: 'data', type: 'json', required: false },
    ],
  });

async function setup() {
  const ctx = await newTenant();
  const { id: promptId } = await createPrompt(
    ctx,
    { name: 'Greeter', slug: 'greeter', description: 'Greets', tags: [] },
    contentWith('v1 text'),
  );
  const r1 = (await getPrompt(ctx, 'greeter')).headRevision!;
  await publishRevision(ctx, { promptId, revisionId: r1.id, note: 'v1', draftPolicy: 'retain' });
  const r2 = (await saveDraft(ctx, { promptId, baseRevisionId: r1.id, content: contentWith('draft text') })).revision;
  await createPrompt(ctx, { name: 'Unpublished', slug: 'unpublished', description: '', tags: [] }, contentWith('secret draft'));
  const key = async (environment: 'development' | 'staging' | 'production') =>
    (await createApiKey(ctx, { name: environment, environment })).key;
  return { ctx, promptId, r2, keys: { dev: await key('development'), stg: await key('staging'), prod: await key('production') } };
}

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

async function connect(key: string): Promise<Client> {
  const client = new Client({ name: 'galley-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(URL_), {
    requestInit: { headers: { authorization: `Bearer ${key}` } },
    fetch: (url, init) => handleMcpRequest(new Request(url, init)),
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

/** The JSON-RPC error of a rejected call: its code and message. */
async function rpcError(call: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await call;
  } catch (e) {
    const { code, message } = e as { code: number; message: string };
    return { code, message };
  }
  throw new Error('the call succeeded');
}

async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult & { text: string }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const first = result.content[0];
  return { ...result, text: first?.type === 'text' ? first.text : '' };
}

describe('MCP prompts', () => {
  it('lists what the key may read, each with its variables as arguments', async () => {
    const { keys } = await setup();
    const prod = await (await connect(keys.prod)).listPrompts();
    expect(prod.prompts.map((p) => p.name)).toEqual(['greeter']);
    expect(prod.nextCursor).toBeUndefined();
    expect(prod.prompts[0]).toEqual({
      name: 'greeter',
      title: 'Greeter',
      description: 'Greets (release v1)',
      arguments: [
        { name: 'customer', description: 'Who asks (text)', required: true },
        { name: 'count', description: '(a number; default 2)', required: false },
        { name: 'vip', description: '(true or false)', required: false },
        { name: 'data', description: '(JSON text)', required: false },
      ],
    });
    const dev = await connect(keys.dev);
    expect((await dev.listPrompts()).prompts.map((p) => [p.name, p.description])).toEqual([
      ['greeter', 'Greets (revision r2)'],
      ['unpublished', 'Unpublished (revision r1)'],
    ]);
    // The cursor is the last slug of a page; what follows it is the next page.
    expect((await dev.listPrompts({ cursor: 'greeter' })).prompts.map((p) => p.name)).toEqual(['unpublished']);
    expect(await rpcError(dev.listPrompts({ cursor: '../x' }))).toMatchObject({ code: -32602 });
  });

  it('renders with typed arguments, exactly as /api/v1 renders, with system text as a user message', async () => {
    const { keys } = await setup();
    const client = await connect(keys.prod);
    const got = await client.getPrompt({ name: 'greeter', arguments: { customer: 'Ada', count: '7', vip: 'true', data: '{"a":[1]}' } });
    const api = await handleApiRequest({
      method: 'POST',
      url: '/api/v1/prompts/greeter/render',
      headers: { authorization: `Bearer ${keys.prod}` },
      body: Buffer.from(JSON.stringify({ variables: { customer: 'Ada', count: 7, vip: true, data: { a: [1] } } })),
    });
    const rendered = JSON.parse(api.body!.toString('utf8')) as { messages: { role: string; content: string }[] };
    expect(rendered.messages.map((m) => m.content)).toEqual(['You help Ada.', 'v1 text 7 true {"a":[1]}']);
    expect(got.messages).toEqual(
      rendered.messages.map((m) => ({ role: m.role === 'assistant' ? 'assistant' : 'user', content: { type: 'text', text: m.content } })),
    );
    expect(got._meta).toMatchObject({ galley: { slug: 'greeter', version: 1, roles: ['system', 'user'] } });
    expect(got.description).toBe('Greets (release v1)');

    // Defaults fill left-out and blank arguments, as they do on /api/v1.
    const defaults = await client.getPrompt({ name: 'greeter', arguments: { customer: 'Ada', count: '' } });
    expect(defaults.messages[1]!.content).toEqual({ type: 'text', text: 'v1 text 2  ' });
  });

  it('refuses a missing required argument, a badly typed one and an unknown prompt with InvalidParams', async () => {
    const { keys } = await setup();
    const client = await connect(keys.prod);
    const missing = await rpcError(client.getPrompt({ name: 'greeter', arguments: {} }));
    expect(missing).toEqual({ code: -32602, message: 'MCP error -32602: Missing required variable "customer"' });
    const typed = await rpcError(client.getPrompt({ name: 'greeter', arguments: { customer: 'Ada', count: 'many', vip: 'yes' } }));
    expect(typed.code).toBe(-32602);
    expect(typed.message).toContain('Variable "count" must be a number');
    expect(typed.message).toContain('Variable "vip" must be true or false');
    expect(await rpcError(client.getPrompt({ name: 'nope', arguments: {} }))).toEqual({
      code: -32602,
      message: 'MCP error -32602: No prompt "nope" in this workspace',
    });
    expect((await rpcError(client.getPrompt({ name: 'Bad Slug' }))).code).toBe(-32602);
  });

  it('keeps the environment rules: production releases only, staging its staged revision, development the draft', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    const args = { name: 'greeter', arguments: { customer: 'Ada' } };
    const text = async (key: string) => JSON.stringify(await (await connect(key)).getPrompt(args));
    expect(await text(keys.prod)).toContain('v1 text');
    expect(await text(keys.stg)).toContain('v1 text');
    expect(await text(keys.dev)).toContain('draft text');
    await stageRevision(ctx, promptId, r2.id);
    expect(await text(keys.stg)).toContain('draft text');
    const prod = await connect(keys.prod);
    expect(JSON.stringify(await prod.getPrompt(args))).not.toContain('draft text');
    const unpublished = await rpcError(prod.getPrompt({ name: 'unpublished', arguments: { customer: 'Ada' } }));
    expect(unpublished.message).toContain('has no release yet');
    expect(JSON.stringify(await tool(prod, 'get_prompt', { slug: 'greeter' }))).not.toContain('draft text');
  });

  it('never serves another workspace', async () => {
    await setup();
    const other = await newTenant();
    const key = (await createApiKey(other, { name: 'other', environment: 'development' })).key;
    const client = await connect(key);
    expect((await client.listPrompts()).prompts).toEqual([]);
    expect((await rpcError(client.getPrompt({ name: 'greeter', arguments: { customer: 'x' } }))).message).toContain('No prompt "greeter"');
    expect((await tool(client, 'get_prompt', { slug: 'greeter' })).isError).toBe(true);
  });
});

describe('MCP tools', () => {
  it('lists the four tools, read-only, with input schemas', async () => {
    const { keys } = await setup();
    const { tools } = await (await connect(keys.prod)).listTools();
    expect(tools.map((t) => t.name)).toEqual(['list_prompts', 'get_prompt', 'render_prompt', 'compare_versions']);
    for (const t of tools) expect(t.annotations?.readOnlyHint).toBe(true);
    const compare = tools.find((t) => t.name === 'compare_versions')!;
    expect(compare.inputSchema).toMatchObject({ type: 'object', required: ['slug', 'from', 'to'] });
  });

  it('list_prompts, get_prompt and render_prompt answer as /api/v1 does', async () => {
    const { keys } = await setup();
    const client = await connect(keys.prod);
    const list = await tool(client, 'list_prompts', {});
    expect(list.structuredContent).toMatchObject({ environment: 'production', items: [{ slug: 'greeter', version: 1 }], nextCursor: null });
    expect(JSON.parse(list.text)).toEqual(list.structuredContent);

    const got = await tool(client, 'get_prompt', { slug: 'greeter', version: 1 });
    expect(got.structuredContent).toMatchObject({ slug: 'greeter', name: 'Greeter', kind: 'release', version: 1 });
    expect((got.structuredContent as { content: Content }).content.variables.map((v) => v.name)).toEqual([
      'customer',
      'count',
      'vip',
      'data',
    ]);

    const rendered = await tool(client, 'render_prompt', { slug: 'greeter', variables: { customer: 'Ada', count: 3 } });
    expect(rendered.structuredContent).toMatchObject({
      messages: [
        { role: 'system', content: 'You help Ada.' },
        { role: 'user', content: 'v1 text 3  ' },
      ],
      text: 'You help Ada.\n\nv1 text 3  ',
      version: 1,
    });
    // Typed as on /api/v1: a number variable does not take the string "3".
    const typed = await tool(client, 'render_prompt', { slug: 'greeter', variables: { customer: 'Ada', count: '3' } });
    expect(typed).toMatchObject({ isError: true, text: 'Variable "count" must be a number (got string)' });
    const missing = await tool(client, 'render_prompt', { slug: 'greeter' });
    expect(missing).toMatchObject({ isError: true, text: 'Missing required variable "customer"' });
    expect(await tool(client, 'get_prompt', { slug: 'greeter', version: 9 })).toMatchObject({
      isError: true,
      text: 'Prompt "greeter" has no release v9',
    });
    expect((await tool(client, 'get_prompt', { slug: 'NOT A SLUG' })).isError).toBe(true);
  });

  it('compare_versions shows the block-aware diff of two releases as text', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    const client = await connect(keys.prod);
    const diff = await tool(client, 'compare_versions', { slug: 'greeter', from: 1, to: 2 });
    expect(diff.isError).toBeFalsy();
    expect(diff.text).toContain('Changes from v1 to v2: blocks 1 changed.');
    expect(diff.text).toContain('-v1 text {{count}} {{vip}} {{data}}');
    expect(diff.text).toContain('+draft text {{count}} {{vip}} {{data}}');
    expect(diff.structuredContent).toMatchObject({ summary: { changed: 1, identical: false } });
    expect((await tool(client, 'compare_versions', { slug: 'greeter', from: 1, to: 1 })).text).toBe('v1 and v1 are identical.');
    expect(await tool(client, 'compare_versions', { slug: 'greeter', from: 1, to: 5 })).toMatchObject({
      isError: true,
      text: 'Prompt "greeter" has no release v5',
    });
  });
});

// ---- Raw HTTP: what a client that is not the SDK may send -------------------------------------

const INIT = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const LIST = { jsonrpc: '2.0', id: 2, method: 'prompts/list', params: {} };

async function post(headers: Record<string, string>, body: string, method = 'POST') {
  const res = await handleMcpRequest(
    new Request(URL_, {
      method,
      headers: { accept: 'application/json, text/event-stream', 'content-type': 'application/json', ...headers },
      ...(method !== 'GET' && method !== 'HEAD' && { body }),
    }),
  );
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
}

describe('MCP over raw HTTP', () => {
  it('answers a stateless request without a session, in JSON', async () => {
    const { keys } = await setup();
    const auth = { authorization: `Bearer ${keys.prod}` };
    const init = await post(auth, JSON.stringify(INIT));
    expect(init.status).toBe(200);
    expect(init.headers.get('mcp-session-id')).toBeNull();
    expect(init.json.result).toMatchObject({ serverInfo: { name: 'galley' }, capabilities: { prompts: {}, tools: {} } });
    // No initialize first: each request stands alone, so any instance can answer it.
    const list = await post({ ...auth, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION }, JSON.stringify(LIST));
    expect(list.json.result.prompts.map((p: { name: string }) => p.name)).toEqual(['greeter']);
  });

  it('refuses a missing, malformed, unknown or revoked key with 401, WWW-Authenticate and a JSON-RPC error', async () => {
    const { ctx, keys } = await setup();
    const revoked = await createApiKey(ctx, { name: 'revoked', environment: 'production' });
    await revokeApiKey(ctx, revoked.id);
    const cases: [Record<string, string>, string][] = [
      [{}, 'Send an API key'],
      [{ authorization: 'Bearer nope' }, 'malformed'],
      [{ authorization: `Bearer glk_prod_${'Q'.repeat(30)}` }, 'Unknown API key'],
      [{ authorization: `Bearer ${revoked.key}` }, 'revoked'],
    ];
    for (const [headers, message] of cases) {
      const res = await post(headers, JSON.stringify(INIT));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000, data: { code: 'unauthenticated' } } });
      expect(res.json.error.message).toContain(message);
    }
    expect((await post({ authorization: `Bearer ${keys.prod}` }, JSON.stringify(INIT))).status).toBe(200);
  });

  it("spends the read API's rate limit: 429 with Retry-After once the key is over it", async () => {
    const { keys } = await setup();
    const previous = peekSingleton<RateLimiter>('Limiter');
    setSingleton('Limiter', new RateLimiter(1)); // burst of 2
    try {
      const auth = { authorization: `Bearer ${keys.prod}` };
      expect([(await post(auth, JSON.stringify(INIT))).status, (await post(auth, JSON.stringify(INIT))).status]).toEqual([200, 200]);
      const limited = await post(auth, JSON.stringify(INIT));
      expect(limited.status).toBe(429);
      expect(limited.json.error).toMatchObject({ message: 'Too many requests for this API key', data: { code: 'rate_limited' } });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      setSingleton('Limiter', previous);
    }
  });

  it('answers every malformed request with a 4xx JSON error naming the fault, never a 5xx', async () => {
    const { keys } = await setup();
    const auth = { authorization: `Bearer ${keys.prod}` };
    const v = { 'mcp-protocol-version': LATEST_PROTOCOL_VERSION };
    const cases: { what: string; status: number; message: string; send: () => ReturnType<typeof post> }[] = [
      { what: 'PUT', status: 405, message: 'PUT is not an MCP method', send: () => post(auth, '{}', 'PUT') },
      { what: 'PATCH', status: 405, message: 'PATCH is not an MCP method', send: () => post(auth, '{}', 'PATCH') },
      { what: 'GET', status: 405, message: 'opens no event stream', send: () => post(auth, '', 'GET') },
      { what: 'DELETE', status: 405, message: 'keeps no sessions', send: () => post(auth, '', 'DELETE') },
      { what: 'not JSON', status: 400, message: 'Parse error', send: () => post(auth, '{nope') },
      { what: 'empty body', status: 400, message: 'Parse error', send: () => post(auth, '') },
      { what: 'not JSON-RPC', status: 400, message: 'Invalid JSON-RPC message', send: () => post(auth, '{"hello":"world"}') },
      {
        what: 'JSON-RPC 1.0',
        status: 400,
        message: 'Invalid JSON-RPC',
        send: () => post(auth, JSON.stringify({ ...LIST, jsonrpc: '1.0' })),
      },
      { what: 'a number', status: 400, message: 'Invalid JSON-RPC', send: () => post(auth, '42') },
      {
        what: 'unsupported protocol version',
        status: 400,
        message: 'Unsupported protocol version',
        send: () => post({ ...auth, 'mcp-protocol-version': '1999-01-01' }, JSON.stringify(LIST)),
      },
      {
        what: 'text/plain',
        status: 415,
        message: 'Content-Type',
        send: () => post({ ...auth, 'content-type': 'text/plain' }, JSON.stringify(LIST)),
      },
      {
        what: 'no event-stream in Accept',
        status: 406,
        message: 'Not Acceptable',
        send: () => post({ ...auth, accept: 'application/json' }, JSON.stringify(LIST)),
      },
      {
        what: 'over 256 KB',
        status: 413,
        message: 'Payload Too Large',
        send: () => post(auth, JSON.stringify({ ...LIST, params: { cursor: 'x'.repeat(300 * 1024) } })),
      },
    ];
    for (const c of cases) {
      const res = await c.send();
      expect(res.status, c.what).toBe(c.status);
      expect(res.headers.get('content-type'), c.what).toContain('application/json');
      expect(res.json, c.what).toMatchObject({ jsonrpc: '2.0', error: { code: expect.any(Number) } });
      expect(res.json.error.message, c.what).toContain(c.message);
    }
    expect((await post(auth, '', 'PUT')).headers.get('allow')).toBe('POST');

    // Well-formed JSON-RPC that asks for something wrong: a 200 carrying the JSON-RPC error.
    const rpc = async (body: unknown) => (await post({ ...auth, ...v }, JSON.stringify(body))).json;
    expect((await rpc({ jsonrpc: '2.0', id: 3, method: 'nope/nope' })).error).toMatchObject({ code: -32601 });
    const noName = await rpc({ jsonrpc: '2.0', id: 4, method: 'prompts/get', params: {} });
    expect(noName.error).toMatchObject({ code: -32602, message: expect.stringMatching(/^Invalid prompts\/get request: params\.name: /) });
    const notString = await rpc({ jsonrpc: '2.0', id: 5, method: 'prompts/get', params: { name: 'greeter', arguments: { customer: 5 } } });
    expect(notString.error).toMatchObject({ code: -32602, message: expect.stringContaining('params.arguments.customer') });
    const badCursor = await rpc({ jsonrpc: '2.0', id: 7, method: 'prompts/list', params: { cursor: 5 } });
    expect(badCursor.error).toMatchObject({ code: -32602, message: expect.stringContaining('params.cursor') });
    const missing = await rpc({ jsonrpc: '2.0', id: 6, method: 'prompts/get', params: { name: 'greeter' } });
    expect(missing).toEqual({
      jsonrpc: '2.0',
      id: 6,
      error: {
        code: -32602,
        message: 'Missing required variable "customer"',
        data: { code: 'invalid', errors: [{ variable: 'customer', message: 'Missing required variable "customer"' }] },
      },
    });
  });
});
