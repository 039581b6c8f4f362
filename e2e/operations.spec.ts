// What an operator's tools see: liveness, readiness, the request id on every response, and
// /metrics behind its token with counters that move when the app is used.
import type { APIRequestContext } from '@playwright/test';
import { createKey, createPromptWithId, publishEdited, signUpOwner } from './api-setup';
import { expect, test, uniqueEmail } from './fixtures';

const TOKEN = process.env.GALLEY_E2E_METRICS_TOKEN!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Sums the samples of `name` whose labels include `labels` (exposition text format). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) total += Number(match[3]);
  }
  return total;
}

async function scrape(request: APIRequestContext): Promise<string> {
  const response = await request.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status()).toBe(200);
  return response.text();
}

test('GET /api/health is cheap liveness; every response carries a request id', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true });
  expect(response.headers()['x-request-id']).toMatch(UUID);

  const traced = await request.get('/api/health', { headers: { 'x-request-id': 'lb-7f3k2-0001' } });
  expect(traced.headers()['x-request-id']).toBe('lb-7f3k2-0001');
  const junk = await request.get('/api/health', { headers: { 'x-request-id': 'two words' } });
  expect(junk.headers()['x-request-id']).toMatch(UUID);
  // The read API's fast path, which never enters Next, carries one too.
  expect((await request.get('/api/v1/prompts/x')).headers()['x-request-id']).toMatch(UUID);
});

test('GET /api/ready lists its checks and answers 200 on a started, migrated server', async ({ request }) => {
  const response = await request.get('/api/ready');
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { ready: boolean; checks: { name: string; ok: boolean; detail: string }[] };
  expect(body.ready).toBe(true);
  expect(body.checks).toEqual([
    { name: 'database', ok: true, detail: expect.stringMatching(/^pglite answered in \d+ ms$/) },
    { name: 'migrations', ok: true, detail: expect.stringMatching(/^\d+ applied/) },
    { name: 'startup', ok: true, detail: 'done' },
  ]);
});

test('/metrics refuses a missing or wrong token and serves Prometheus text with the right one', async ({ request }) => {
  for (const headers of [
    {} as Record<string, string>,
    { authorization: 'Bearer not-the-token-0123456789' },
    { authorization: `Basic ${TOKEN}` },
  ]) {
    const refused = await request.get('/metrics', { headers });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['www-authenticate']).toContain('Bearer');
    expect(await refused.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  }
  const response = await request.get('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  expect(sample(text, 'galley_db_engine', { engine: 'pglite' })).toBe(1);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d/m);
  // Route labels come from a fixed list; no URL ever becomes a label.
  const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
  for (const route of routes)
    expect(['api_v1', 'api_public', 'api_mcp', 'api_auth', 'api_other', 'probe', 'metrics', 'action', 'static', 'page']).toContain(route);
});

test('counters move: requests by route and status, cache hits and misses, saves and publishes', async ({ request, baseURL }) => {
  const clients: APIRequestContext[] = [];
  try {
    const owner = await signUpOwner(baseURL!, 'Metrics Owner', uniqueEmail(), 'e2e-Correct-Horse-42', (c) => clients.push(c));
    const prompt = await createPromptWithId(owner, 'Metrics prompt', `metrics-${Date.now().toString(36)}`);
    const { key } = await createKey(owner, 'metrics', 'production');

    let before = await scrape(request);
    await publishEdited(owner, prompt, (c) => void (c.blocks[0]!.body = 'Counted.'), 'counted');
    let after = await scrape(request);
    expect(sample(after, 'galley_draft_saves_total') - sample(before, 'galley_draft_saves_total')).toBe(1);
    expect(sample(after, 'galley_releases_published_total') - sample(before, 'galley_releases_published_total')).toBe(1);
    expect(sample(after, 'galley_http_request_duration_seconds_count', { route: 'action', status: '200' })).toBeGreaterThan(
      sample(before, 'galley_http_request_duration_seconds_count', { route: 'action', status: '200' }),
    );

    before = await scrape(request);
    const url = `/api/v1/prompts/${prompt.slug}`;
    const headers = { authorization: `Bearer ${key}` };
    expect((await request.get(url, { headers })).status()).toBe(200); // loads the key and the prompt: a miss
    expect((await request.get(url, { headers })).status()).toBe(200); // now warm: a hit
    expect((await request.get('/api/health')).status()).toBe(200);
    after = await scrape(request);
    const delta = (name: string, labels?: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
    expect(delta('galley_api_cache_misses_total')).toBe(1);
    expect(delta('galley_api_cache_hits_total')).toBe(1);
    expect(delta('galley_http_request_duration_seconds_count', { route: 'api_v1', status_class: '2xx', status: '200' })).toBe(2);
    expect(delta('galley_http_request_duration_seconds_count', { route: 'probe', status: '200' })).toBe(1);
    // The scrape before this one was measured too.
    expect(delta('galley_http_request_duration_seconds_count', { route: 'metrics', status: '200' })).toBe(1);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
});
