// The contract: every status of every operation in the served OpenAPI document, answered for
// real by the handler and checked against the document (tests/integration/openapi-validator.ts):
// the body against its schema, the documented headers (ETag, Retry-After, Allow, …) present.
// Every 400 must answer a request the document does not allow, every request it does not allow
// must be refused, and every status the document promises must have been seen.
import { describe, expect, it, vi } from 'vitest';
import { handleApiRequest } from '@/lib/api/handler';
import type { ApiRequest } from '@/lib/api/http';
import { RateLimiter } from '@/lib/api/rate-limit';
import { createApiKey } from '@/lib/data/api-keys';
import { setCanary, stageRevision } from '@/lib/data/deployments';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision, rollbackProduction } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import type { Content } from '@/lib/domain/content';
import { logger } from '@/lib/log';
import { peekSingleton, setSingleton } from '@/lib/singleton';
import { systemContent, userContent } from '../factories';
import { newTenant } from './helpers';
import { expectWriteAnswers, WRITE_OPS, writeRequests } from './openapi-contract-write';
import { openApiValidator } from './openapi-validator';

const LIST = 'GET /api/v1/prompts';
const GET = 'GET /api/v1/prompts/{slug}';
const RENDER = 'POST /api/v1/prompts/{slug}/render';
const OPENAPI = 'GET /api/v1/openapi.json';
const LF_LIST = 'GET /api/public/v2/prompts';
const LF_GET = 'GET /api/public/v2/prompts/{name}';
const KEYED = [LIST, GET, RENDER, LF_LIST, LF_GET];
// Only a bug in the document's own generation could make the server answer it.
const UNREACHABLE = [`${OPENAPI} 503`];

const greeting = (body: string) =>
  userContent(body, { system: 'You help {{customer}}.', variables: [{ name: 'customer', type: 'string', required: true }] });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const basic = (secret: string) => ({ authorization: `Basic ${Buffer.from(`pk-any:${secret}`).toString('base64')}` });
const get = (url: string, headers: Record<string, string> = {}): ApiRequest => ({ method: 'GET', url, headers });
const send = (method: string, url: string, headers: Record<string, string>, body?: string | Buffer): ApiRequest => ({
  method,
  url,
  headers: { ...headers, 'content-type': 'application/json' },
  body: typeof body === 'string' ? Buffer.from(body) : body,
});

async function publishHead(ctx: Awaited<ReturnType<typeof newTenant>>, name: string, content: Content) {
  const { id: promptId } = await createPrompt(ctx, { name, slug: name, description: '', tags: ['support'] }, content);
  const r1 = (await getPrompt(ctx, name)).headRevision!;
  const v1 = await publishRevision(ctx, { promptId, revisionId: r1.id, note: 'first', draftPolicy: 'retain' });
  return { promptId, r1, v1 };
}

async function setup() {
  const ctx = await newTenant();
  const greeter = await publishHead(ctx, 'greeter', greeting('v1 text'));
  const r2 = (await saveDraft(ctx, { promptId: greeter.promptId, baseRevisionId: greeter.r1.id, content: greeting('r2 text') })).revision;
  await stageRevision(ctx, greeter.promptId, r2.id);
  // A canary: v2 takes half of production's traffic while v1 stays live.
  const v2 = await publishRevision(ctx, { promptId: greeter.promptId, revisionId: r2.id, note: 'second', draftPolicy: 'retain' });
  await rollbackProduction(ctx, greeter.promptId, greeter.v1.id);
  await setCanary(ctx, greeter.promptId, { releaseId: v2.id, percent: 50 });
  await publishHead(ctx, 'short', systemContent('Answer briefly.'));
  // Content that no longer parses (as after a stricter schema): what render and Langfuse answer 409 to.
  const broken = await publishHead(ctx, 'broken', systemContent('fine'));
  const invalid = { ...systemContent('x'), blocks: [{ id: 'not a valid id', kind: 'system', title: '', body: 'x', enabled: true }] };
  await saveDraft(ctx, { promptId: broken.promptId, baseRevisionId: broken.r1.id, content: invalid as Content });
  const key = async (environment: 'development' | 'staging' | 'production') =>
    (await createApiKey(ctx, { name: environment, environment })).key;
  return { ctx, key, prod: await key('production'), stg: await key('staging'), dev: await key('development') };
}

describe('the OpenAPI document', () => {
  it('describes every answer of every operation, and every status it documents is answered', async () => {
    const { key, prod, stg, dev } = await setup();
    const served = await handleApiRequest(get('/api/v1/openapi.json'));
    const doc = openApiValidator(JSON.parse(served.body!.toString('utf8')));
    const seen = new Set<string>();

    /** Sends `req` as a call of operation `op` and checks the answer against the document. */
    async function expectAnswer(op: string, req: ApiRequest, status: number, opts: { exclusive?: boolean } = {}) {
      const res = await handleApiRequest(req);
      const label = `${req.method} ${req.url} (${op})`;
      expect({ label, status: res.status }).toEqual({ label, status });
      expect({ label, problems: doc.responseProblems(op, res) }).toEqual({ label, problems: [] });
      seen.add(`${op} ${res.status}`);
      if (req.method === op.split(' ')[0]) {
        const disallowed = doc.requestProblems(op, req);
        // Exclusive parameters (version with revision or label) are described, not expressible.
        if (status === 400 && !opts.exclusive) expect({ label, disallowed: disallowed.length > 0 }).toEqual({ label, disallowed: true });
        if (disallowed.length) expect({ label, disallowed, refused: res.status >= 400 }).toMatchObject({ refused: true });
      }
      return res;
    }

    // /api/v1
    await expectAnswer(LIST, get('/api/v1/prompts', bearer(prod)), 200);
    await expectAnswer(LIST, get('/api/v1/prompts?cursor=broken', bearer(dev)), 200);
    await expectAnswer(LIST, get('/api/v1/prompts?cursor=A', bearer(prod)), 400);
    await expectAnswer(LIST, get('/api/v1/prompts'), 401);
    await expectAnswer(LIST, send('POST', '/api/v1/prompts', bearer(prod), '{}'), 405);

    const first = await expectAnswer(GET, get('/api/v1/prompts/greeter', bearer(prod)), 200);
    await expectAnswer(GET, get('/api/v1/prompts/greeter', { ...bearer(prod), 'if-none-match': first.headers.etag! }), 304);
    for (const who of [dev, stg]) await expectAnswer(GET, get('/api/v1/prompts/greeter', bearer(who)), 200);
    await expectAnswer(GET, get('/api/v1/prompts/greeter?version=2', bearer(prod)), 200);
    await expectAnswer(GET, get('/api/v1/prompts/greeter?revision=1', bearer(dev)), 200);
    for (let i = 0, canary = false; !canary; i++) {
      const res = await expectAnswer(GET, get('/api/v1/prompts/greeter', { ...bearer(prod), 'x-galley-canary-key': `c${i}` }), 200);
      canary = res.headers['x-galley-canary'] === 'true';
    }
    for (const url of [
      'Bad_Slug',
      '%E0%A4%A',
      'greeter?version=abc',
      'greeter?version=1e3',
      'greeter?version=0',
      'greeter?revision=2147483648',
    ])
      await expectAnswer(GET, get(`/api/v1/prompts/${url}`, bearer(dev)), 400);
    await expectAnswer(GET, get('/api/v1/prompts/greeter?version=1&revision=1', bearer(dev)), 400, { exclusive: true });
    await expectAnswer(GET, get('/api/v1/prompts/greeter', bearer(`glk_prod_${'x'.repeat(40)}`)), 401);
    await expectAnswer(GET, get('/api/v1/prompts/greeter', bearer('nonsense')), 401);
    await expectAnswer(GET, get('/api/v1/prompts/greeter?revision=1', bearer(prod)), 403);
    for (const url of ['missing', 'greeter?version=99']) await expectAnswer(GET, get(`/api/v1/prompts/${url}`, bearer(prod)), 404);
    await expectAnswer(GET, send('DELETE', '/api/v1/prompts/greeter', bearer(prod)), 405);

    const render = (slug: string, body?: string | Buffer, who = prod) => send('POST', `/api/v1/prompts/${slug}/render`, bearer(who), body);
    await expectAnswer(RENDER, render('greeter', '{"variables":{"customer":"Ada"}}'), 200);
    await expectAnswer(RENDER, render('greeter', '{"variables":{"customer":"Ada"}}', dev), 200);
    await expectAnswer(RENDER, render('short'), 200);
    await expectAnswer(RENDER, render('greeter', '{"variables":{"customer":"Ada"},"version":2}'), 200);
    for (const body of ['{not json', '[1,2]', '{"variables":[]}', '{"variables":null}', '{"version":"1"}', '{"version":1.5}'])
      await expectAnswer(RENDER, render('greeter', body), 400);
    await expectAnswer(RENDER, render('Bad_Slug', '{}'), 400);
    await expectAnswer(RENDER, render('greeter', '{}', 'nonsense'), 401);
    await expectAnswer(RENDER, render('missing', '{}'), 404);
    await expectAnswer(RENDER, render('greeter', '{"variables":{"customer":"Ada"},"version":99}'), 404);
    await expectAnswer(RENDER, get('/api/v1/prompts/greeter/render', bearer(prod)), 405);
    await expectAnswer(RENDER, render('broken', '{}', dev), 409);
    await expectAnswer(RENDER, render('greeter', Buffer.alloc(300 * 1024, 32)), 413);
    for (const body of ['{}', '{"variables":{"customer":3}}']) await expectAnswer(RENDER, render('greeter', body), 422);

    await expectAnswer(OPENAPI, get('/api/v1/openapi.json'), 200);
    await expectAnswer(OPENAPI, send('POST', '/api/v1/openapi.json', {}), 405);

    // The Langfuse-compatible path
    const lf = '/api/public/v2/prompts';
    for (const [who, query] of [
      [prod, ''],
      [dev, ''],
      [prod, '?page=2&limit=1'],
      [dev, '?label=development&tag=support'],
    ] as const)
      await expectAnswer(LF_LIST, get(`${lf}${query}`, basic(who)), 200);
    await expectAnswer(LF_LIST, get(`${lf}?page=2147483647&limit=100`, basic(prod)), 200);
    for (const query of ['?limit=101', '?page=0', '?limit=1e2', '?tag=%00'])
      await expectAnswer(LF_LIST, get(`${lf}${query}`, basic(prod)), 400);
    await expectAnswer(LF_LIST, get(lf, { authorization: 'Basic !!!' }), 401);
    await expectAnswer(LF_LIST, get(`${lf}?label=development`, basic(prod)), 403);
    await expectAnswer(LF_LIST, get(`${lf}?label=nope`, basic(prod)), 404);

    const lfFirst = await expectAnswer(LF_GET, get(`${lf}/greeter`, basic(prod)), 200);
    await expectAnswer(LF_GET, get(`${lf}/greeter`, { ...basic(prod), 'if-none-match': lfFirst.headers.etag! }), 304);
    for (const [who, query] of [
      [prod, '?label=latest'],
      [prod, '?version=1'],
      [stg, '?label=staging'],
      [dev, '?label=development'],
    ] as const)
      await expectAnswer(LF_GET, get(`${lf}/greeter${query}`, basic(who)), 200);
    await expectAnswer(LF_GET, get(`${lf}/short`, bearer(prod)), 200);
    for (const query of ['?version=1.5', '?version=-1']) await expectAnswer(LF_GET, get(`${lf}/greeter${query}`, basic(prod)), 400);
    await expectAnswer(LF_GET, get(`${lf}/greeter?version=1&label=production`, basic(prod)), 400, { exclusive: true });
    await expectAnswer(LF_GET, get(`${lf}/greeter`, { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` }), 401);
    await expectAnswer(LF_GET, get(`${lf}/greeter?label=staging`, basic(prod)), 403);
    for (const path of ['a%2Fb', 'greeter?label=nope', 'missing', 'greeter?version=9'])
      await expectAnswer(LF_GET, get(`${lf}/${path}`, basic(prod)), 404);
    await expectAnswer(LF_GET, get(`${lf}/broken?label=development`, basic(dev)), 409);

    await expectAnswer(`POST ${lf}`, send('POST', lf, basic(prod), '{"name":"x"}'), 403);
    await expectAnswer(`DELETE ${lf}/{name}`, send('DELETE', `${lf}/greeter`, {}), 403);
    await expectAnswer(
      `PATCH ${lf}/{name}/versions/{version}`,
      send('PATCH', `${lf}/greeter/versions/1`, basic(prod), '{"newLabels":[]}'),
      403,
    );

    // The write API (/api/v1/workspace), with service tokens.
    const { publisher } = await expectWriteAnswers(expectAnswer);

    // 429 with Retry-After: a budget of one request a second (a burst of two), per key.
    const previousLimiter = peekSingleton<RateLimiter>('Limiter');
    setSingleton('Limiter', new RateLimiter(1));
    try {
      const limited = await key('production');
      const requests: Record<string, ApiRequest> = {
        [LIST]: get('/api/v1/prompts', bearer(limited)),
        [GET]: get('/api/v1/prompts/greeter', bearer(limited)),
        [RENDER]: render('greeter', '{"variables":{"customer":"Ada"}}', limited),
        [LF_LIST]: get(lf, basic(limited)),
        [LF_GET]: get(`${lf}/greeter`, basic(limited)),
      };
      for (const op of KEYED) {
        while ((await handleApiRequest(requests[op]!)).status !== 429);
        await expectAnswer(op, requests[op]!, 429);
      }
      // Writes look their token up in the database, slower than a refill on a busy machine: a
      // budget below one request keeps every write refused.
      setSingleton('Limiter', new RateLimiter(0.01));
      const writes = writeRequests(publisher);
      for (const op of Object.values(WRITE_OPS)) await expectAnswer(op, writes[op]!, 429);
    } finally {
      setSingleton('Limiter', previousLimiter);
    }

    // 503 with Retry-After: the database fails under a request that needs it (an uncached key).
    const fresh = await Promise.all(KEYED.map(() => key('production')));
    const down = Promise.reject(new Error('the database is down (contract test)'));
    down.catch(() => {});
    const previousDb = peekSingleton('Db');
    const log = vi.spyOn(logger(), 'error').mockImplementation(() => {});
    setSingleton('Db', down);
    try {
      await expectAnswer(LIST, get('/api/v1/prompts', bearer(fresh[0]!)), 503);
      await expectAnswer(GET, get('/api/v1/prompts/greeter', bearer(fresh[1]!)), 503);
      await expectAnswer(RENDER, render('greeter', '{}', fresh[2]!), 503);
      await expectAnswer(LF_LIST, get(lf, basic(fresh[3]!)), 503);
      await expectAnswer(LF_GET, get(`${lf}/greeter`, basic(fresh[4]!)), 503);
      expect(log).toHaveBeenCalledTimes(5); // each one logged with its reference
      // A service token is looked up on every request, so any write answers 503 while the database is down.
      const writes = writeRequests(publisher);
      for (const op of Object.values(WRITE_OPS)) await expectAnswer(op, writes[op]!, 503);
      expect(log).toHaveBeenCalledTimes(5 + Object.keys(WRITE_OPS).length);
    } finally {
      setSingleton('Db', previousDb);
      log.mockRestore();
    }

    expect(doc.documentedStatuses().filter((s) => !seen.has(s) && !UNREACHABLE.includes(s))).toEqual([]);
  }, 240_000);
});
