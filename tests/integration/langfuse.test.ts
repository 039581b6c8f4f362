// The Langfuse-compatible prompt endpoint (lib/api/langfuse.ts) through the read API handler
// against a real database: labels, versions, auth, the environment rules, list, writes.
import { describe, expect, it } from 'vitest';
import { handleApiRequest, handleCachedRequest } from '@/lib/api/handler';
import type { ApiRequest } from '@/lib/api/http';
import { createApiKey, revokeApiKey } from '@/lib/data/api-keys';
import { setCanary, stageRevision } from '@/lib/data/deployments';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision, rollbackProduction } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { systemContent, userContent } from '../factories';
import { newTenant } from './helpers';

const contentWith = (body: string) =>
  userContent(body, { system: 'You help {{customer}}.', variables: [{ name: 'customer', type: 'string', required: true }] });

const basic = (secret: string, user = 'pk-any') => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

async function call(authorization: string | null, url: string, init: Partial<ApiRequest> = {}) {
  const res = await handleApiRequest({
    method: 'GET',
    url,
    ...init,
    headers: { ...(authorization && { authorization }), ...init.headers },
  });
  const text = res.body?.toString('utf8') ?? '';
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

async function setup() {
  const ctx = await newTenant();
  const { id: promptId } = await createPrompt(
    ctx,
    { name: 'Greeter', slug: 'greeter', description: '', tags: ['support'] },
    contentWith('v1 {{ customer }} text'),
  );
  const r1 = (await getPrompt(ctx, 'greeter')).headRevision!;
  const v1 = await publishRevision(ctx, { promptId, revisionId: r1.id, note: 'first', draftPolicy: 'retain' });
  const r2 = (await saveDraft(ctx, { promptId, baseRevisionId: r1.id, content: contentWith('draft text') })).revision;
  const keys = {
    dev: (await createApiKey(ctx, { name: 'dev', environment: 'development' })).key,
    stg: (await createApiKey(ctx, { name: 'stg', environment: 'staging' })).key,
    prod: (await createApiKey(ctx, { name: 'prod', environment: 'production' })).key,
  };
  return { ctx, promptId, r1, r2, v1, keys };
}

const URL_ = '/api/public/v2/prompts/greeter';

describe('Langfuse endpoint', () => {
  it('serves labels: production, latest, staging, development (draft head, dev keys only)', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    const prod = await call(basic(keys.prod), URL_);
    expect(prod.status).toBe(200);
    expect(prod.json).toMatchObject({
      name: 'greeter',
      version: 1,
      type: 'chat',
      prompt: [
        { role: 'system', content: 'You help {{customer}}.' },
        { role: 'user', content: 'v1 {{ customer }} text' },
      ],
      labels: ['production'],
      tags: ['support'],
      commitMessage: 'first',
      config: { provider: expect.any(String), model: expect.any(String) },
    });
    expect(typeof prod.json.createdAt).toBe('string');
    expect((await call(basic(keys.prod), `${URL_}?label=production`)).json.version).toBe(1);

    // A second publish: latest and production both move to v2.
    await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'second', draftPolicy: 'retain' });
    expect((await call(basic(keys.prod), `${URL_}?label=latest`)).json).toMatchObject({ version: 2, labels: ['latest'] });
    expect((await call(basic(keys.prod), URL_)).json.version).toBe(2);

    // Staging: a pinned revision; a production key may not read it.
    const r3 = (await saveDraft(ctx, { promptId, baseRevisionId: r2.id, content: contentWith('staged text') })).revision;
    await stageRevision(ctx, promptId, r3.id);
    const stg = await call(basic(keys.stg), `${URL_}?label=staging`);
    expect(stg.json).toMatchObject({ version: 3, galley: { kind: 'revision', revision: 3, version: null } });
    expect(stg.json.prompt[1].content).toBe('staged text');
    expect((await call(basic(keys.prod), `${URL_}?label=staging`)).status).toBe(403);

    // Development: the draft head, only for development keys.
    await saveDraft(ctx, { promptId, baseRevisionId: r3.id, content: contentWith('newest draft') });
    const dev = await call(basic(keys.dev), `${URL_}?label=development`);
    expect(dev.json).toMatchObject({ version: 4, galley: { kind: 'revision', revision: 4 } });
    expect(dev.json.prompt[1].content).toBe('newest draft');
    for (const key of [keys.prod, keys.stg]) {
      const res = await call(basic(key), `${URL_}?label=development`);
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.json)).not.toContain('newest draft');
    }
    // Never the draft through any other label either.
    for (const label of ['production', 'latest']) {
      expect(JSON.stringify((await call(basic(keys.prod), `${URL_}?label=${label}`)).json)).not.toContain('newest draft');
    }
  });

  it('serves a version; label and version together are a 400; unknown label or version a 404', async () => {
    const { keys } = await setup();
    const v1 = await call(basic(keys.prod), `${URL_}?version=1`);
    expect(v1.status).toBe(200);
    expect(v1.json).toMatchObject({ version: 1, name: 'greeter' });
    expect(v1.headers['cache-control']).toContain('immutable');
    const both = await call(basic(keys.prod), `${URL_}?version=1&label=production`);
    expect(both.status).toBe(400);
    expect(both.json.error.code).toBe('bad_request');
    expect((await call(basic(keys.prod), `${URL_}?label=nope`)).status).toBe(404);
    expect((await call(basic(keys.prod), `${URL_}?version=9`)).status).toBe(404);
    expect((await call(basic(keys.prod), '/api/public/v2/prompts/unknown')).status).toBe(404);
    // The draft revision number is not a release version.
    expect((await call(basic(keys.prod), `${URL_}?version=2`)).status).toBe(404);
  });

  it('a single system or user message is a text prompt; config carries the model settings', async () => {
    const ctx = await newTenant();
    const content = { ...systemContent('Answer {{q}} briefly.'), variables: [{ name: 'q', type: 'string' as const, required: true }] };
    content.model = { ...content.model, temperature: 0.3, params: { seed: 7 } };
    const { id: promptId } = await createPrompt(ctx, { name: 'Short', slug: 'short', description: '', tags: [] }, content);
    const r1 = (await getPrompt(ctx, 'short')).headRevision!;
    await publishRevision(ctx, { promptId, revisionId: r1.id, note: '', draftPolicy: 'retain' });
    const { key } = await createApiKey(ctx, { name: 'p', environment: 'production' });
    const res = await call(`Bearer ${key}`, '/api/public/v2/prompts/short');
    expect(res.json).toMatchObject({
      type: 'text',
      prompt: 'Answer {{q}} briefly.',
      config: { provider: content.model.provider, model: content.model.model, temperature: 0.3, seed: 7 },
      commitMessage: null,
    });
  });

  it('authenticates with Basic (any public key) or Bearer; malformed Basic and revoked keys are a 401', async () => {
    const { ctx, keys } = await setup();
    expect((await call(basic(keys.prod, 'whatever'), URL_)).status).toBe(200);
    expect((await call(`Bearer ${keys.prod}`, URL_)).status).toBe(200);
    for (const auth of [
      null,
      'Basic !!!notbase64',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      basic(keys.prod, ''),
      basic(''),
      basic('sk-lf-123'),
    ]) {
      const res = await call(auth, URL_);
      expect({ auth, status: res.status }).toEqual({ auth, status: 401 });
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json.error.code).toBe('unauthenticated');
    }
    const { key, id } = await createApiKey(ctx, { name: 'soon revoked', environment: 'production' });
    expect((await call(basic(key), URL_)).status).toBe(200);
    // Warm: the fast path answers it too.
    const warm = handleCachedRequest({ method: 'GET', url: URL_, headers: { authorization: basic(key) } });
    expect(warm?.status).toBe(200);
    await revokeApiKey(ctx, id);
    expect((await call(basic(key), URL_)).status).toBe(401);
    expect(handleCachedRequest({ method: 'GET', url: URL_, headers: { authorization: basic(key) } })?.status ?? 401).toBe(401);
  });

  it('keeps its cached bodies apart from /api/v1 and drops them on publish', async () => {
    const { ctx, promptId, r2, keys } = await setup();
    const v1api = await call(`Bearer ${keys.prod}`, '/api/v1/prompts/greeter');
    const lf = await call(basic(keys.prod), URL_);
    expect(v1api.json.slug).toBe('greeter');
    expect(lf.json.type).toBe('chat');
    // Warm now: both served from the cache, each in its own shape.
    const warmLf = handleCachedRequest({ method: 'GET', url: URL_, headers: { authorization: basic(keys.prod) } });
    expect(JSON.parse(warmLf!.body!.toString()).type).toBe('chat');
    const warmV1 = handleCachedRequest({
      method: 'GET',
      url: '/api/v1/prompts/greeter',
      headers: { authorization: `Bearer ${keys.prod}` },
    });
    expect(JSON.parse(warmV1!.body!.toString()).slug).toBe('greeter');
    await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    expect(handleCachedRequest({ method: 'GET', url: URL_, headers: { authorization: basic(keys.prod) } })).toBeNull();
    expect((await call(basic(keys.prod), URL_)).json.version).toBe(2);
  });

  it('label production follows a canary, sticky per caller; latest is the newest release', async () => {
    const { ctx, promptId, r2, v1, keys } = await setup();
    const v2 = await publishRevision(ctx, { promptId, revisionId: r2.id, note: 'v2', draftPolicy: 'retain' });
    await rollbackProduction(ctx, promptId, v1.id);
    await setCanary(ctx, promptId, { releaseId: v2.id, percent: 50 });
    const seen = new Map<number, number>();
    for (let i = 0; i < 40; i++) {
      const headers = { 'x-galley-canary-key': `caller-${i}` };
      const a = await call(basic(keys.prod), URL_, { headers });
      const b = await call(basic(keys.prod), URL_, { headers });
      expect(b.json.version).toBe(a.json.version);
      if (a.json.version === 2) expect(a.json.galley.canary).toBe(true);
      seen.set(a.json.version, (seen.get(a.json.version) ?? 0) + 1);
    }
    expect(seen.get(1)).toBeGreaterThan(3);
    expect(seen.get(2)).toBeGreaterThan(3);
    expect((await call(basic(keys.prod), `${URL_}?label=latest`)).json.version).toBe(2);
  });

  it('lists prompts with Langfuse meta; page, limit, name, tag, label', async () => {
    const { ctx, keys } = await setup();
    for (const slug of ['alpha', 'beta', 'gamma']) {
      const { id } = await createPrompt(
        ctx,
        { name: slug, slug, description: '', tags: slug === 'beta' ? ['support'] : [] },
        contentWith(slug),
      );
      const head = (await getPrompt(ctx, slug)).headRevision!;
      await publishRevision(ctx, { promptId: id, revisionId: head.id, note: '', draftPolicy: 'retain' });
    }
    await createPrompt(ctx, { name: 'Unpublished', slug: 'unpublished', description: '', tags: [] }, contentWith('x'));
    const all = await call(basic(keys.prod), '/api/public/v2/prompts');
    expect(all.json.data.map((p: { name: string }) => p.name)).toEqual(['alpha', 'beta', 'gamma', 'greeter']);
    expect(all.json.meta).toEqual({ page: 1, limit: 50, totalItems: 4, totalPages: 1 });
    expect(all.json.data[3]).toMatchObject({ name: 'greeter', versions: [1], tags: ['support'] });
    const page2 = await call(basic(keys.prod), '/api/public/v2/prompts?page=2&limit=3');
    expect(page2.json.data.map((p: { name: string }) => p.name)).toEqual(['greeter']);
    expect(page2.json.meta).toEqual({ page: 2, limit: 3, totalItems: 4, totalPages: 2 });
    expect((await call(basic(keys.prod), '/api/public/v2/prompts?tag=support')).json.data.map((p: { name: string }) => p.name)).toEqual([
      'beta',
      'greeter',
    ]);
    expect((await call(basic(keys.prod), '/api/public/v2/prompts?name=beta')).json.meta.totalItems).toBe(1);
    expect((await call(basic(keys.prod), '/api/public/v2/prompts?limit=101')).status).toBe(400);
    // Regression: a NUL character in a filter reached PostgreSQL, which cannot store one, and was a 503.
    for (const q of ['name=%00', 'tag=a%00b']) {
      const nul = await call(basic(keys.prod), `/api/public/v2/prompts?${q}`);
      expect({ q, status: nul.status, message: nul.json.error.message }).toEqual({ q, status: 400, message: expect.stringMatching(/NUL/) });
    }
    expect((await call(basic(keys.prod), '/api/public/v2/prompts?label=development')).status).toBe(403);
    expect((await call(basic(keys.dev), '/api/public/v2/prompts')).json.meta.totalItems).toBe(5);
    expect((await call(basic(keys.dev), '/api/public/v2/prompts?label=production')).json.meta.totalItems).toBe(4);
  });

  it('refuses writes with 403 and answers unknown paths with JSON 404s', async () => {
    const { keys } = await setup();
    for (const [method, url] of [
      ['POST', '/api/public/v2/prompts'],
      ['PATCH', '/api/public/v2/prompts/greeter'],
      ['DELETE', '/api/public/v2/prompts/greeter'],
      ['PUT', '/api/public/v2/prompts/greeter'],
    ] as const) {
      const res = await call(basic(keys.prod), url, { method, body: Buffer.from('{"name":"x"}') });
      expect({ method, status: res.status }).toEqual({ method, status: 403 });
      expect(res.json.error.code).toBe('forbidden');
      expect(res.json.error.message).toMatch(/^Galley publishes through review; /);
    }
    for (const url of [
      '/api/public',
      '/api/public/traces',
      '/api/public/v2/prompts/greeter/versions/1',
      '/api/public/v1/prompts/greeter',
    ]) {
      const res = await call(basic(keys.prod), url);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.headers['content-type']).toContain('application/json');
    }
  });
});
