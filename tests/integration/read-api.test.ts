// The read API handler (the same one the custom server and the Next route call) against a
// real database: environment rules, caching headers, errors, render, invalidation.
import { describe, expect, it } from 'vitest';
import { handleApiRequest, handleCachedRequest } from '@/lib/api/handler';
import { RateLimiter } from '@/lib/api/rate-limit';
import type { ApiRequest } from '@/lib/api/http';
import { createApiKey, revokeApiKey } from '@/lib/data/api-keys';
import { setCanary, stageRevision } from '@/lib/data/deployments';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision, rollbackProduction } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { contentHash } from '@/lib/domain/hash';
import { userContent } from '../factories';
import { newTenant } from './helpers';
import { peekSingleton, setSingleton } from '@/lib/singleton';

const contentWith = (body: string) =>
  userContent(body, { system: 'You help {{customer}}.', variables: [{ name: 'customer', type: 'string', required: true }] });

async function call(key: string | null, url: string, { headers, ...init }: Partial<ApiRequest> = {}) {
  const res = await handleApiRequest({
    method: 'GET',
    url,
    ...init,
    headers: { ...(key && { authorization: `Bearer ${key}` }), ...headers },
  });
  const text = res.body?.toString('utf8') ?? '';
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

async function setup() {
  const ctx = await newTenant();
  const { id: promptId } = await createPrompt(ctx, { name: 'Greeter', slug: 'greeter', description: '', tags: [] }, contentWith('v1 text'));
  const r1 = (await getPrompt(ctx, 'greeter')).headRevision!;
  const v1 = await publishRevision(ctx, { promptId, revisionId: r1.id, note: 'v1', draftPolicy: 'retain' });
  const r2 = await saveDraft(ctx, { promptId, baseRevisionId: r1.id, content: contentWith('draft text') });
  const keys = {
    dev: (await createApiKey(ctx, { name: 'dev', environment: 'development' })).key,
    stg: (await createApiKey(ctx, { name: 'stg', environment: 'staging' })).key,
    prod: (await createApiKey(ctx, { name: 'prod', environment: 'production' })).key,
  };
  return { ctx, promptId, r1, r2: r2.revision, v1, keys };
}

describe('read API', () => {
  it('serves each environment what it should, and never the draft to production or staging', async () => {
    const { keys } = await setup();
    const prod = await call(keys.prod, '/api/v1/prompts/greeter');
    expect(prod.status).toBe(200);
    expect(prod.json).toMatchObject({ kind: 'release', version: 1, contentHash: contentHash(contentWith('v1 text')) });
    expect(prod.headers.etag).toBe(`"${contentHash(contentWith('v1 text'))}"`);
    expect(prod.headers['cache-control']).toBe('private, no-cache');

    const dev = await call(keys.dev, '/api/v1/prompts/greeter');
    expect(dev.json).toMatchObject({ kind: 'revision', revision: 2, contentHash: contentHash(contentWith('draft text')) });

    const stg = await call(keys.stg, '/api/v1/prompts/greeter');
    expect(stg.json).toMatchObject({ kind: 'release', version: 1 });

    for (const key of [keys.prod, keys.stg]) {
      const rev = await call(key, '/api/v1/prompts/greeter?revision=2');
      expect(rev.status).toBe(403);
      expect(rev.json.error.code).toBe('forbidden');
    }
    const devRev = await call(keys.dev, '/api/v1/prompts/greeter?revision=1');
    expect(devRev.json).toMatchObject({ kind: 'revision', revision: 1 });
    expect(devRev.headers['cache-control']).toBe('private, max-age=31536000, immutable');
  });

  it('staging serves the pinned revision; a new save does not move it', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    await stageRevision(ctx, promptId, r2.id);
    expect((await call(keys.stg, '/api/v1/prompts/greeter')).json).toMatchObject({ kind: 'revision', revision: 2 });
    await saveDraft(ctx, { promptId, baseRevisionId: r2.id, content: contentWith('newer draft') });
    expect((await call(keys.stg, '/api/v1/prompts/greeter')).json).toMatchObject({ revision: 2 });
    expect((await call(keys.dev, '/api/v1/prompts/greeter')).json).toMatchObject({ revision: 3 });
  });

  it('answers a matching If-None-Match with 304 and no body; release-pinned responses are immutable', async () => {
    const { keys } = await setup();
    const first = await call(keys.prod, '/api/v1/prompts/greeter?version=1');
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    const again = await handleApiRequest({
      method: 'GET',
      url: '/api/v1/prompts/greeter?version=1',
      headers: { authorization: `Bearer ${keys.prod}`, 'if-none-match': first.headers.etag },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('sees publish and rollback at once (the cache is invalidated)', async () => {
    const { ctx, promptId, r2, v1, keys } = await setup();
    expect((await call(keys.prod, '/api/v1/prompts/greeter')).json.version).toBe(1);
    await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    expect((await call(keys.prod, '/api/v1/prompts/greeter')).json.version).toBe(2);
    await rollbackProduction(ctx, promptId, v1.id);
    expect((await call(keys.prod, '/api/v1/prompts/greeter')).json.version).toBe(1);
  });

  it('canary: a sticky share of callers gets the second release, labelled', async () => {
    const { ctx, promptId, r2, v1, keys } = await setup();
    const v2 = await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    await rollbackProduction(ctx, promptId, v1.id);
    await setCanary(ctx, promptId, { releaseId: v2.id, percent: 50 });
    const seen = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const callerKey = `caller-${i}`;
      const a = await call(keys.prod, '/api/v1/prompts/greeter', { headers: { 'x-galley-canary-key': callerKey } });
      const b = await call(keys.prod, '/api/v1/prompts/greeter', { headers: { 'x-galley-canary-key': callerKey } });
      expect(b.json.version).toBe(a.json.version);
      if (a.json.version === 2) expect(a.json.canary).toBe(true);
      seen.set(String(a.json.version), (seen.get(String(a.json.version)) ?? 0) + 1);
    }
    expect(seen.get('1')).toBeGreaterThan(5);
    expect(seen.get('2')).toBeGreaterThan(5);
  });

  it('renders with typed variables; a missing required one is a 422 naming it', async () => {
    const { keys } = await setup();
    const ok = await call(keys.prod, '/api/v1/prompts/greeter/render', {
      method: 'POST',
      body: Buffer.from(JSON.stringify({ variables: { customer: 'Ada' } })),
    });
    expect(ok.status).toBe(200);
    expect(ok.json.messages[0]).toEqual({ role: 'system', content: 'You help Ada.' });
    expect(ok.json).toMatchObject({ version: 1, contentHash: contentHash(contentWith('v1 text')) });
    const missing = await call(keys.prod, '/api/v1/prompts/greeter/render', { method: 'POST', body: Buffer.from('{"variables":{}}') });
    expect(missing.status).toBe(422);
    expect(missing.json.error.message).toContain('"customer"');
    const wrongType = await call(keys.prod, '/api/v1/prompts/greeter/render', {
      method: 'POST',
      body: Buffer.from('{"variables":{"customer":3}}'),
    });
    expect(wrongType.status).toBe(422);
  });

  it('refuses bad keys and bad input with JSON errors, never a 5xx', async () => {
    const { ctx, keys } = await setup();
    const cases: [string | null, string, Partial<ApiRequest>, number][] = [
      [null, '/api/v1/prompts/greeter', {}, 401],
      ['glk_prod_notarealkeyatallnotarealkey0000', '/api/v1/prompts/greeter', {}, 401],
      ['nonsense', '/api/v1/prompts/greeter', {}, 401],
      [keys.prod, '/api/v1/prompts/Bad_Slug', {}, 400],
      [keys.prod, '/api/v1/prompts/%E0%A4%A', {}, 400],
      [keys.prod, '/api/v1/prompts/missing', {}, 404],
      [keys.prod, '/api/v1/prompts/greeter?version=abc', {}, 400],
      [keys.prod, '/api/v1/prompts/greeter?version=99', {}, 404],
      [keys.prod, '/api/v1/prompts/greeter', { method: 'DELETE' }, 405],
      [keys.prod, '/api/v1/prompts/greeter/render', { method: 'POST', body: Buffer.from('{not json') }, 400],
      [keys.prod, '/api/v1/prompts/greeter/render', { method: 'POST', body: Buffer.from('[1,2]') }, 400],
      [keys.prod, '/api/v1/prompts/greeter/render', { method: 'POST', body: Buffer.alloc(300 * 1024, 32) }, 413],
      [keys.prod, '/api/v1/nothing-here', {}, 404],
    ];
    for (const [key, url, init, status] of cases) {
      const res = await call(key, url, init);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect(typeof res.json.error.code).toBe('string');
      expect(typeof res.json.error.message).toBe('string');
    }
    // A revoked key stops working at once, even after it was cached.
    const { key, id } = await createApiKey(ctx, { name: 'soon revoked', environment: 'production' });
    expect((await call(key, '/api/v1/prompts/greeter')).status).toBe(200);
    await revokeApiKey(ctx, id);
    expect((await call(key, '/api/v1/prompts/greeter')).status).toBe(401);
  });

  it('lists the prompts the key can read: production only sees published ones', async () => {
    const { ctx, keys } = await setup();
    await createPrompt(ctx, { name: 'Unpublished', slug: 'unpublished', description: '', tags: [] }, contentWith('x'));
    const prod = await call(keys.prod, '/api/v1/prompts');
    expect(prod.json.items.map((p: { slug: string }) => p.slug)).toEqual(['greeter']);
    const dev = await call(keys.dev, '/api/v1/prompts');
    expect(dev.json.items.map((p: { slug: string }) => p.slug)).toEqual(['greeter', 'unpublished']);
    const other = await newTenant();
    const otherKey = (await createApiKey(other, { name: 'other', environment: 'development' })).key;
    expect((await call(otherKey, '/api/v1/prompts')).json.items).toEqual([]);
    expect((await call(otherKey, '/api/v1/prompts/greeter')).status).toBe(404);
  });

  it('serves its OpenAPI document', async () => {
    const res = await call(null, '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    expect(Object.keys(res.json.paths)).toContain('/api/v1/prompts/{slug}/render');
  });
});

describe('read API warm path', () => {
  it('answers a cached GET synchronously with the same bytes, and defers to the full path after a change', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    const req = { method: 'GET', url: '/api/v1/prompts/greeter', headers: { authorization: `Bearer ${keys.prod}` } };
    expect(handleCachedRequest(req)).toBeNull(); // nothing cached yet
    const full = await handleApiRequest(req);
    const warm = handleCachedRequest(req);
    expect(warm?.status).toBe(200);
    expect(warm?.body?.equals(full.body!)).toBe(true);
    expect(warm?.headers.etag).toBe(full.headers.etag);
    expect(handleCachedRequest({ ...req, headers: { ...req.headers, 'if-none-match': full.headers.etag! } })?.status).toBe(304);
    await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    expect(handleCachedRequest(req)).toBeNull();
    expect(JSON.parse((await handleApiRequest(req)).body!.toString()).version).toBe(2);
    expect(handleCachedRequest({ ...req, headers: { authorization: 'Bearer nope' } })?.status).toBe(401);
  });
});

describe('read API rate limit', () => {
  it('answers 429 with Retry-After once a key exceeds its budget, per key', async () => {
    const { keys } = await setup();
    const previous = peekSingleton<RateLimiter>('Limiter');
    setSingleton('Limiter', new RateLimiter(1)); // burst of 2
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(keys.prod, '/api/v1/prompts/greeter')).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      const limited = await call(keys.prod, '/api/v1/prompts/greeter');
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await call(keys.dev, '/api/v1/prompts/greeter')).status).toBe(200); // another key has its own budget
    } finally {
      setSingleton('Limiter', previous);
    }
  });
});
