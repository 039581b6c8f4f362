// Regressions from the front-door review of the read API:
// - rendering with a `json` variable nested 5,000 deep answered 503 with Retry-After: 1
//   (a RangeError in recursive checks), which invites retry loops; it is a 400 now;
// - after a development key read `?version=1`, production and staging keys received
//   `"environment":"development"` in the body (the immutable cache key had no environment).
import { describe, expect, it } from 'vitest';
import { handleApiRequest, handleCachedRequest } from '@/lib/api/handler';
import type { ApiRequest } from '@/lib/api/http';
import { createApiKey } from '@/lib/data/api-keys';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { userContent } from '../factories';
import { newTenant } from './helpers';

async function call(key: string, url: string, init: Partial<ApiRequest> = {}) {
  const req: ApiRequest = { method: 'GET', url, ...init, headers: { authorization: `Bearer ${key}` } };
  const res = handleCachedRequest(req) ?? (await handleApiRequest(req));
  const text = res.body?.toString('utf8') ?? '';
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

async function setup() {
  const ctx = await newTenant();
  const content = userContent('Data: {{data}}', { variables: [{ name: 'data', type: 'json', required: false }] });
  const { id: promptId } = await createPrompt(ctx, { name: 'Deep', slug: 'deep', description: '', tags: [] }, content);
  const head = (await getPrompt(ctx, 'deep')).headRevision!;
  await publishRevision(ctx, { promptId, revisionId: head.id, note: 'v1', draftPolicy: 'retain' });
  const key = async (environment: 'development' | 'staging' | 'production') =>
    (await createApiKey(ctx, { name: environment, environment })).key;
  return { dev: await key('development'), stg: await key('staging'), prod: await key('production') };
}

describe('read API against hostile input', () => {
  it('answers a deeply nested render body with a 400 that names the problem, not a 503', async () => {
    const { prod } = await setup();
    // Built as text: JSON.stringify itself would overflow the test's stack.
    const body = `{"variables":{"data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`;
    const res = await call(prod, '/api/v1/prompts/deep/render', { method: 'POST', body: Buffer.from(body) });
    expect(res.status).toBe(400);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(res.json.error.message).toMatch(/nests deeper than \d+ levels/);
    const shallow = await call(prod, '/api/v1/prompts/deep/render', {
      method: 'POST',
      body: Buffer.from('{"variables":{"data":{"a":[1]}}}'),
    });
    expect(shallow.status).toBe(200);
  });

  it("names each reader's own environment in a release body, whoever read it first", async () => {
    const keys = await setup();
    expect((await call(keys.dev, '/api/v1/prompts/deep?version=1')).json.environment).toBe('development');
    for (const [key, environment] of [
      [keys.prod, 'production'],
      [keys.stg, 'staging'],
      [keys.dev, 'development'],
    ] as const) {
      const res = await call(key, '/api/v1/prompts/deep?version=1');
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ environment, version: 1 });
    }
  });
});
