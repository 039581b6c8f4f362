// Bad input never produces a 500 (the read API's contract, ARCHITECTURE.md). Thousands of malformed requests,
// generated as cross products of bad slugs, keys, queries, bodies, methods and paths (for /api/v1,
// and for the Langfuse-compatible /api/public in e2e/api-fuzz-langfuse.ts), go to
// the real server over raw HTTP (node:http, so paths reach it exactly as written). Every
// answer must be a 4xx JSON error `{ error: { code, message } }`, and when a request has a
// single fault, the status that fault calls for; with several faults, the status of one of
// them (the API does not promise which check runs first).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { callAction } from './action-client';
import { langfuseCases } from './api-fuzz-langfuse';
import { createKey, createPromptWithId, publishEdited, signUpOwner } from './api-setup';
import { expect, test } from './fixtures';
import { ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

const CONCURRENCY = 8;

// ---- The cases ------------------------------------------------------------------------------

type Env = 'production' | 'development';

/** What is wrong with one dimension of a request, and the statuses it may answer with. */
interface Fault {
  what: string;
  status: number[];
}

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  faults: Fault[];
}

const f = (what: string, ...status: number[]): Fault => ({ what, status });

interface KeyVariant {
  label: string;
  headers: Record<string, string>;
  env: Env | null;
  fault?: Fault;
}

function keyVariants(prod: string, dev: string, revoked: string): KeyVariant[] {
  const unauthenticated = (label: string, headers: Record<string, string>): KeyVariant => ({
    label,
    headers,
    env: null,
    fault: f(`key: ${label}`, 401),
  });
  const wellFormedUnknown = `glk_prod_${'Q'.repeat(20)}${randomBytes(10).toString('hex')}`;
  return [
    { label: 'production', headers: { authorization: `Bearer ${prod}` }, env: 'production' },
    { label: 'development via X-Galley-Key', headers: { 'x-galley-key': dev }, env: 'development' },
    unauthenticated('missing', {}),
    unauthenticated('revoked', { authorization: `Bearer ${revoked}` }),
    unauthenticated('well-formed but unknown', { authorization: `Bearer ${wellFormedUnknown}` }),
    unauthenticated('garbage', { authorization: 'Bearer abc' }),
    unauthenticated('4 KB of garbage', { authorization: `Bearer glk_prod_${'A'.repeat(4000)}` }),
    unauthenticated('Basic auth', { authorization: 'Basic dXNlcjpwYXNzd29yZA==' }),
  ];
}

/** Extra key spellings, tried against the valid requests only. */
function extraKeyVariants(prod: string, dev: string): KeyVariant[] {
  const unauthenticated = (label: string, headers: Record<string, string>): KeyVariant => ({
    label,
    headers,
    env: null,
    fault: f(`key: ${label}`, 401),
  });
  return [
    { label: 'lower-case scheme', headers: { authorization: `bearer ${prod}` }, env: 'production' },
    { label: 'development', headers: { authorization: `Bearer ${dev}` }, env: 'development' },
    unauthenticated('empty bearer', { authorization: 'Bearer ' }),
    unauthenticated('bearer without a space', { authorization: `Bearer${prod}` }),
    unauthenticated('key plus junk', { authorization: `Bearer ${prod} junk` }),
    unauthenticated('truncated key', { authorization: `Bearer ${prod.slice(0, -1)}` }),
    unauthenticated('one character changed', { authorization: `Bearer ${prod.slice(0, -1)}${prod.endsWith('a') ? 'b' : 'a'}` }),
    unauthenticated('staging tag, unknown', { authorization: `Bearer glk_stg_${'x'.repeat(40)}` }),
    unauthenticated('unknown tag', { authorization: `Bearer glk_test_${'x'.repeat(40)}` }),
    unauthenticated('Latin-1 bytes', { authorization: `Bearer glk_prod_${'\u00e9'.repeat(40)}` }),
    unauthenticated('empty X-Galley-Key', { 'x-galley-key': '' }),
    unauthenticated('token scheme', { authorization: `Token ${prod}` }),
  ];
}

interface SlugVariant {
  raw: string;
  fault?: Fault;
}

// Unicode goes percent-encoded: a raw non-ASCII byte in the request line is refused by
// Node's HTTP parser (a bare 400) before any application code runs.
function slugVariants(slug: string): SlugVariant[] {
  const bad = (raw: string, why = raw) => ({
    raw,
    fault: f(`slug ${why.length > 40 ? `${why.slice(0, 20)}… (${why.length} chars)` : why}`, 400),
  });
  // '..' segments are resolved as URL paths, so they may name no endpoint at all (404).
  const dots = (raw: string) => ({ raw, fault: f(`slug ${raw}`, 400, 404) });
  const missing = (raw: string) => ({ raw, fault: f(`no prompt ${raw.length > 40 ? `(${raw.length} chars)` : raw}`, 404) });
  return [
    { raw: slug },
    { raw: `%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}` }, // the same slug, percent-encoded
    missing('no-such-prompt'),
    missing('a'.repeat(64)),
    bad('%'),
    bad('%ZZ'),
    bad('%E0%A4%A'),
    bad('%C3%28'),
    bad('%25'),
    bad('%u0041'),
    bad('..%2F'),
    bad('..%2F..%2F..%2Fetc%2Fpasswd'),
    dots('..'),
    dots('%2e%2e'),
    bad('caf%C3%A9'),
    bad('%F0%9F%98%80'),
    bad('%E2%80%8Bx'),
    bad('a'.repeat(65)),
    bad('a'.repeat(500)),
    bad('a'.repeat(5000)),
    bad('ABC'),
    bad(slug.toUpperCase()),
    bad('-lead'),
    bad('trail-'),
    bad('a%20b'),
    bad(`${slug}%20`),
    bad('%00'),
    bad('a%2Fb'),
    bad('%5C'),
    bad('<script>'),
    bad('%3Cscript%3E'),
    bad("a'b"),
    bad('a;b'),
    bad('%0D%0ASet-Cookie:%20x=1'),
  ];
}

interface QueryVariant {
  q: string;
  fault: (env: Env | null) => Fault | undefined;
}

function queryVariants(): QueryVariant[] {
  const none = (q: string): QueryVariant => ({ q, fault: () => undefined });
  const bad = (q: string): QueryVariant => ({
    q,
    fault: (env) => f(`query ${q}`, 400, ...(env === 'production' && q.includes('revision') ? [403] : [])),
  });
  return [
    none(''),
    none('version=1'),
    { q: 'version=2147483647', fault: () => f('no such release', 404) },
    bad('version=-1'),
    bad('version=0'),
    bad('version=1e3'),
    bad('version=1.0'),
    bad('version=abc'),
    bad('version='),
    bad('version=99999999999'),
    bad('version=%ZZ'),
    bad('version=+1'),
    bad('version=1%00'),
    bad('version=0x1'),
    bad('version=%EF%BC%91'),
    bad('revision=0'),
    bad('revision=-5'),
    bad('revision=1e3'),
    bad('version=1&revision=1'),
    { q: 'revision=1', fault: (env) => (env === 'production' ? f('revision with a production key', 403) : undefined) },
    {
      q: 'revision=999999',
      fault: (env) => (env === 'production' ? f('revision with a production key', 403) : f('no such revision', 404)),
    },
  ];
}

interface BodyVariant {
  label: string;
  body?: Buffer;
  contentType?: string;
  fault?: Fault;
}

function bodyVariants(): BodyVariant[] {
  const json = (label: string, value: string, fault?: Fault, contentType = 'application/json'): BodyVariant => ({
    label,
    body: Buffer.from(value),
    contentType,
    fault,
  });
  const invalid = (label: string, value: string) => json(label, value, f(`body: ${label}`, 400));
  const deep = 50_000;
  return [
    json('valid', '{"variables":{"customer":"Ada"}}'),
    json('valid, pinned to v1', '{"variables":{"customer":"Ada"},"version":1}'),
    json('valid, extra variables', '{"variables":{"customer":"Ada","constructor":1,"__proto__":{"x":1}}}'),
    json('valid, as text/plain', '{"variables":{"customer":"Ada"}}', undefined, 'text/plain'),
    { label: 'no body', fault: f('no variables', 422) },
    json('empty object', '{}', f('no variables', 422)),
    json('missing variable', '{"variables":{}}', f('missing variable', 422)),
    json('variable of the wrong type', '{"variables":{"customer":5}}', f('wrong variable type', 422)),
    json('null variable', '{"variables":{"customer":null}}', f('null variable', 422)),
    json('variable hidden in __proto__', '{"variables":{"__proto__":{"customer":"x"}}}', f('missing variable', 422)),
    json('variables in __proto__', '{"__proto__":{"variables":{"customer":"x"}}}', f('missing variable', 422)),
    json('null variables', '{"variables":null}', f('null variables', 400, 422)),
    invalid('variables is an array', '{"variables":[]}'),
    invalid('variables is a string', '{"variables":"customer=Ada"}'),
    invalid('variables is a number', '{"variables":1}'),
    invalid('version is a string', '{"variables":{"customer":"Ada"},"version":"x"}'),
    invalid('version is "1"', '{"variables":{"customer":"Ada"},"version":"1"}'),
    invalid('version 0', '{"variables":{"customer":"Ada"},"version":0}'),
    invalid('version -1', '{"variables":{"customer":"Ada"},"version":-1}'),
    invalid('version 1.5', '{"variables":{"customer":"Ada"},"version":1.5}'),
    invalid('version 1e400', '{"variables":{"customer":"Ada"},"version":1e400}'),
    invalid('version null', '{"variables":{"customer":"Ada"},"version":null}'),
    invalid('version true', '{"variables":{"customer":"Ada"},"version":true}'),
    invalid('version [1]', '{"variables":{"customer":"Ada"},"version":[1]}'),
    json('version 99', '{"variables":{"customer":"Ada"},"version":99}', f('no such release', 404)),
    invalid('unclosed object', '{'),
    invalid('truncated', '{"variables":'),
    invalid('single quotes', "{'variables':{}}"),
    invalid('trailing comma', '{"variables":{"customer":"Ada"},}'),
    invalid('bare word', 'nope'),
    invalid('form encoding', 'variables[customer]=Ada'),
    invalid('null', 'null'),
    invalid('array', '[]'),
    invalid('string', '"variables"'),
    invalid('number', '123'),
    invalid('true', 'true'),
    {
      label: 'invalid UTF-8',
      body: Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]),
      contentType: 'application/json',
      fault: f('body: invalid UTF-8', 400),
    },
    json(
      '50,000 levels deep',
      `{"variables":{"customer":"Ada"},"x":${'['.repeat(deep)}${']'.repeat(deep)}}`,
      f('body: deeply nested', 200, 400),
    ),
    json('300 KB of valid JSON', JSON.stringify({ variables: { customer: 'x'.repeat(300 * 1024) } }), f('body: 300 KB', 413)),
    json('300 KB of invalid JSON', `{${'x'.repeat(300 * 1024)}`, f('body: 300 KB', 413)),
  ];
}

function buildCases(ctx: { slug: string; prod: string; dev: string; revoked: string }): Case[] {
  const cases: Case[] = [];
  const keys = keyVariants(ctx.prod, ctx.dev, ctx.revoked);
  const slugs = slugVariants(ctx.slug);
  const keyFault = (k: KeyVariant) => (k.fault ? [k.fault] : []);
  const renderBody = Buffer.from('{"variables":{"customer":"Ada"}}');

  // 1. GET a prompt: slug × key × query.
  for (const s of slugs) {
    for (const k of keys) {
      for (const q of queryVariants()) {
        const queryFault = q.fault(k.env);
        cases.push({
          method: 'GET',
          path: `/api/v1/prompts/${s.raw}${q.q ? `?${q.q}` : ''}`,
          headers: k.headers,
          faults: [...keyFault(k), ...(s.fault ? [s.fault] : []), ...(queryFault ? [queryFault] : [])],
        });
      }
    }
  }

  // 2. Render: slug × key × body.
  const renderSlugs = [
    slugs[0]!,
    ...slugs.filter((s) => ['no-such-prompt', '%ZZ', '..%2F', 'a'.repeat(500), 'caf%C3%A9', '%00'].includes(s.raw)),
  ];
  for (const s of renderSlugs) {
    for (const k of keys) {
      for (const b of bodyVariants()) {
        cases.push({
          method: 'POST',
          path: `/api/v1/prompts/${s.raw}/render`,
          headers: { ...k.headers, ...(b.contentType && { 'content-type': b.contentType }) },
          body: b.body,
          faults: [...keyFault(k), ...(s.fault ? [s.fault] : []), ...(b.fault ? [b.fault] : [])],
        });
      }
    }
  }

  // 3. Every method on every endpoint.
  const endpoints = [
    { path: '/api/v1/prompts', allowed: 'GET', authed: true },
    { path: `/api/v1/prompts/${ctx.slug}`, allowed: 'GET', authed: true },
    { path: `/api/v1/prompts/${ctx.slug}/render`, allowed: 'POST', authed: true },
    { path: '/api/v1/openapi.json', allowed: 'GET', authed: false },
  ];
  const methodKeys = [keys[0]!, keys[2]!, keys[5]!];
  for (const e of endpoints) {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
      for (const k of methodKeys) {
        // HEAD may be answered like GET (without a body) or refused.
        const methodFault =
          method === e.allowed ? [] : method === 'HEAD' && e.allowed === 'GET' ? [f('HEAD', 200, 405)] : [f(`method ${method}`, 405)];
        const hasBody = !['GET', 'HEAD'].includes(method);
        cases.push({
          method,
          path: e.path,
          headers: { ...k.headers, ...(hasBody && { 'content-type': 'application/json' }) },
          body: hasBody ? renderBody : undefined,
          faults: [...(e.authed ? keyFault(k) : []), ...methodFault],
        });
      }
    }
  }

  // 4. Paths under /api/v1 that name no endpoint.
  const unknownPaths = [
    '/api/v1/',
    '/api/v1/nope',
    '/api/v1/prompt',
    '/api/v1/Prompts',
    `/api/v1/PROMPTS/${ctx.slug}`,
    `/api/v1/prompts/${ctx.slug}/render/more`,
    `/api/v1/prompts/${ctx.slug}/versions`,
    `/api/v1/prompts/${ctx.slug}/RENDER`,
    `/api/v1/prompts/${ctx.slug}/render.json`,
    `/api/v1/prompts%2F${ctx.slug}`,
    '/api/v1/prompts/a/b/c/d',
    '/api/v1/openapi.json/x',
    '/api/v1/openapi.yaml',
    '/api/v1/%ZZ',
    '/api/v1/%00',
    '/api/v1/..%2F..%2Fapi%2Fhealth',
    '/api/v1/../health',
    '/api/v1/../auth/session',
    `/api/v1/prompts/../../auth/session`,
    '/api/v1/v1/prompts',
    `/api/v1/${'x'.repeat(3000)}`,
    // The namespace itself, which the custom server's prefix check does not cover.
    '/api/v1',
    '/api/v1?x=1',
  ];
  for (const path of unknownPaths) {
    for (const method of ['GET', 'POST', 'DELETE']) {
      for (const k of methodKeys) {
        cases.push({
          method,
          path,
          headers: k.headers,
          body: method === 'POST' ? renderBody : undefined,
          faults: [f(`no endpoint ${path.slice(0, 60)}`, 404), ...keyFault(k)],
        });
      }
    }
  }

  // 5. The list: bad cursors × key.
  const cursors: { q: string; fault?: Fault }[] = [
    { q: '' },
    { q: 'cursor=a' },
    { q: 'cursor=a&cursor=%ZZ' },
    { q: 'limit=-1' },
    ...['cursor=', 'cursor=%ZZ', 'cursor=..%2F', 'cursor=A', `cursor=${'a'.repeat(500)}`, 'cursor=%C3%A9', 'cursor=%00', 'cursor=-a'].map(
      (q) => ({ q, fault: f(`list ${q.slice(0, 30)}`, 400) }),
    ),
  ];
  for (const c of cursors) {
    for (const k of keys) {
      cases.push({
        method: 'GET',
        path: `/api/v1/prompts${c.q ? `?${c.q}` : ''}`,
        headers: k.headers,
        faults: [...keyFault(k), ...(c.fault ? [c.fault] : [])],
      });
    }
  }

  // 6. Every other spelling of a key, on valid requests.
  for (const k of extraKeyVariants(ctx.prod, ctx.dev)) {
    cases.push({ method: 'GET', path: `/api/v1/prompts/${ctx.slug}`, headers: k.headers, faults: keyFault(k) });
    cases.push({
      method: 'POST',
      path: `/api/v1/prompts/${ctx.slug}/render`,
      headers: { ...k.headers, 'content-type': 'application/json' },
      body: renderBody,
      faults: keyFault(k),
    });
    cases.push({ method: 'GET', path: '/api/v1/prompts', headers: k.headers, faults: keyFault(k) });
  }

  // 7. The Langfuse-compatible path (/api/public): auth, names, labels, versions, paging, writes.
  cases.push(...langfuseCases(ctx));
  return cases;
}

// ---- Sending them ---------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function send(agent: http.Agent, origin: URL, c: Case): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...c.headers };
    if (c.body) headers['content-length'] = c.body.length;
    const req = http.request({ host: origin.hostname, port: origin.port, method: c.method, path: c.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

/** Sends a case, waiting out a 429 (the rate limit is not what this test is about). */
async function sendPatiently(agent: http.Agent, origin: URL, c: Case): Promise<Answer & { limited: number }> {
  for (let limited = 0; ; limited++) {
    const answer = await send(agent, origin, c);
    if (answer.status !== 429 || limited === 5) return { ...answer, limited };
    await new Promise((r) => setTimeout(r, Number(answer.headers['retry-after'] ?? 1) * 1000));
  }
}

/** What is wrong with an answer, or null. */
function judge(c: Case, a: Answer): string | null {
  if (a.status >= 500) return `a ${a.status}`;
  const allowed = c.faults.length === 0 ? [200] : [...new Set(c.faults.flatMap((x) => x.status))];
  if (!allowed.includes(a.status)) {
    return `status ${a.status}, expected ${allowed.join(' or ')} (${c.faults.map((x) => x.what).join('; ') || 'valid request'}): ${a.body.toString('utf8').slice(0, 120)}`;
  }
  if (a.status === 304 || c.method === 'HEAD') return null;
  if (!String(a.headers['content-type']).startsWith('application/json')) return `content-type ${a.headers['content-type']}`;
  let body: unknown;
  try {
    body = JSON.parse(a.body.toString('utf8'));
  } catch {
    return `a body that is not JSON: ${a.body.toString('utf8').slice(0, 120)}`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  if (a.status >= 400) {
    if (typeof error?.code !== 'string' || !error.code || typeof error.message !== 'string' || !error.message)
      return `an error body without error.code and error.message: ${a.body.toString('utf8').slice(0, 120)}`;
  } else if (error !== undefined) return `a ${a.status} carrying an error`;
  return null;
}

function describeCase(c: Case): string {
  const head = Object.entries(c.headers)
    .map(([k, v]) => `${k}: ${v.length > 40 ? `${v.slice(0, 24)}…(${v.length})` : v}`)
    .join(', ');
  const path = c.path.length > 120 ? `${c.path.slice(0, 100)}…(${c.path.length} chars)` : c.path;
  const body = c.body ? ` body(${c.body.length} B): ${c.body.toString('utf8').slice(0, 60)}` : '';
  return `${c.method} ${path} [${head}]${body}`;
}

test('the read API and its Langfuse-compatible path answer thousands of malformed requests with 4xx JSON errors, never a 5xx', async () => {
  test.setTimeout(300_000);
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  const clients: APIRequestContext[] = [];

  try {
    // Setup through the server actions: a user, a prompt with a required variable published
    // as v1, a production and a development key, and a revoked key.
    const run = randomBytes(4).toString('hex');
    const owner = await signUpOwner(baseURL, `Fuzz ${run}`, `fuzz-${run}@example.test`, 'e2e-Fuzz-Requests-42', (c) => clients.push(c));
    const prompt = await createPromptWithId(owner, `Fuzz target ${run}`, `fuzz-target-${run}`);
    const slug = prompt.slug;
    await publishEdited(
      owner,
      prompt,
      (content) => {
        content.blocks[0]!.body = 'Hello {{customer}}.';
        content.variables = [{ name: 'customer', type: 'string', required: true }];
      },
      'Fuzz target',
    );
    const prod = await createKey(owner, 'fuzz production', 'production');
    const dev = await createKey(owner, 'fuzz development', 'development');
    const revoked = await createKey(owner, 'fuzz revoked', 'production');
    ok(
      await callAction(owner.client, `/w/${owner.ws}/settings`, KEYS.revokeApiKey, [{ workspace: owner.ws, keyId: revoked.id }]),
      'revokeApiKey',
    );

    const cases = buildCases({ slug, prod: prod.key, dev: dev.key, revoked: revoked.key });
    const malformed = cases.filter((c) => c.faults.length > 0).length;
    expect(malformed, 'at least 1,000 malformed requests').toBeGreaterThanOrEqual(1000);

    const origin = new URL(baseURL);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const problems: string[] = [];
    const byStatus = new Map<number, number>();
    let fiveHundreds = 0;
    let rateLimited = 0;
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        let problem: string | null;
        try {
          const answer = await sendPatiently(agent, origin, c);
          rateLimited += answer.limited;
          byStatus.set(answer.status, (byStatus.get(answer.status) ?? 0) + 1);
          if (answer.status >= 500) fiveHundreds++;
          problem = judge(c, answer);
          if (problem && answer.status >= 500) problem += `: ${answer.body.toString('utf8').slice(0, 200)}`;
        } catch (e) {
          problem = `no answer (${(e as Error).message})`;
        }
        if (problem) problems.push(`${describeCase(c)} → ${problem}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();

    const statuses = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const summary = `${cases.length} requests (${malformed} malformed, ${cases.length - malformed} valid) in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${statuses}; 5xx ${fiveHundreds}; waited out 429 ${rateLimited}×; problems ${problems.length}`;
    console.log(`[api-fuzz] ${summary}`);
    test.info().annotations.push({ type: 'api-fuzz', description: summary });
    if (problems.length) {
      const file = test.info().outputPath('problems.txt');
      fs.writeFileSync(file, `${problems.join('\n')}\n`);
      await test.info().attach('problems', { path: file, contentType: 'text/plain' });
      console.log(`[api-fuzz] ${problems.length} wrong answers, listed in ${file}`);
    }
    expect(fiveHundreds, 'no 5xx').toBe(0);
    expect(problems.slice(0, 40), `${problems.length} wrong answers`).toEqual([]);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
});
