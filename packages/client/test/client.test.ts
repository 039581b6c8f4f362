import { afterEach, describe, expect, it, vi } from 'vitest';
import { GalleyClient, GalleyError, type GalleyClientOptions, type ServedPrompt } from '../src/index.js';

const prompt = (version: number, body = 'Hello {{name}}.'): ServedPrompt => ({
  slug: 'greeter',
  name: 'Greeter',
  environment: 'production',
  kind: 'release',
  version,
  contentHash: `hash-${version}`,
  content: {
    blocks: [{ id: 'b1', kind: 'system', title: 'System', body, enabled: true }],
    variables: [{ name: 'name', type: 'string', required: true }],
    model: { provider: 'openai', model: 'gpt-4o-mini' },
  },
});

type Step = ServedPrompt | number | Error | { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch that answers from a script of steps and records each request's headers. */
function scripted(...steps: Step[]) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), headers: new Headers(init?.headers) });
    const step = steps.length > 1 ? steps.shift()! : steps[0]!;
    if (step instanceof Error) throw step;
    if (typeof step === 'number') return new Response(null, { status: step });
    if ('slug' in step) return Response.json(step, { headers: { etag: `"${step.contentHash}"`, 'cache-control': 'private, no-cache' } });
    return new Response(step.body === undefined ? null : JSON.stringify(step.body), { status: step.status, headers: step.headers });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const client = (fetch: typeof globalThis.fetch, options: Partial<GalleyClientOptions> = {}) =>
  new GalleyClient({ baseUrl: 'https://galley.test/', apiKey: 'glk_prod_x', ttlMs: 1_000, backoffMs: 1, fetch, ...options });

afterEach(() => vi.useRealTimers());

describe('GalleyClient', () => {
  it('serves from memory within the TTL, then stale while one background refresh revalidates', async () => {
    vi.useFakeTimers();
    const f = scripted(prompt(1), 304, prompt(2));
    const c = client(f.fetch, { canaryKey: 'user-7' });
    expect(await c.get('greeter')).toMatchObject({ source: 'network', version: 1 });
    expect(f.calls[0]!.url).toBe('https://galley.test/api/v1/prompts/greeter');
    expect(f.calls[0]!.headers.get('authorization')).toBe('Bearer glk_prod_x');
    expect(f.calls[0]!.headers.get('x-galley-canary-key')).toBe('user-7');
    expect(await c.get('greeter')).toMatchObject({ source: 'cache' });
    expect(f.calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_500);
    const [a, b] = await Promise.all([c.get('greeter'), c.get('greeter')]);
    expect([a.source, b.source]).toEqual(['stale', 'stale']);
    await vi.advanceTimersByTimeAsync(0);
    expect(f.calls).toHaveLength(2); // one refresh for both readers
    expect(f.calls[1]!.headers.get('if-none-match')).toBe('"hash-1"');
    expect(await c.get('greeter')).toMatchObject({ source: 'cache', version: 1 }); // the 304 renewed it

    await vi.advanceTimersByTimeAsync(1_500);
    expect(await c.get('greeter')).toMatchObject({ source: 'stale', version: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(await c.get('greeter')).toMatchObject({ source: 'cache', version: 2 });
  });

  it('caches releases asked for by version for good', async () => {
    vi.useFakeTimers();
    const f = scripted({ status: 200, body: prompt(3), headers: { 'cache-control': 'private, max-age=31536000, immutable' } });
    const c = client(f.fetch);
    await c.get('greeter', { version: 3 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await c.get('greeter', { version: 3 })).toMatchObject({ source: 'cache', version: 3 });
    expect(f.calls.map((call) => call.url)).toEqual(['https://galley.test/api/v1/prompts/greeter?version=3']);
  });

  it('retries network errors and 5xx with backoff, and honours Retry-After on 429', async () => {
    vi.useFakeTimers();
    const f = scripted(new TypeError('fetch failed'), 503, { status: 429, headers: { 'retry-after': '2' } }, prompt(1));
    const c = client(f.fetch, { retries: 3 });
    const pending = c.get('greeter');
    await vi.advanceTimersByTimeAsync(100);
    expect(f.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(f.calls).toHaveLength(3); // still waiting out Retry-After: 2
    await vi.advanceTimersByTimeAsync(600);
    expect(await pending).toMatchObject({ source: 'network', version: 1 });
    expect(f.calls).toHaveLength(4);
  });

  it('gives up after `retries` and surfaces the server error as a GalleyError', async () => {
    const f = scripted({ status: 503, body: { error: { code: 'unavailable', message: 'Retry shortly' } } });
    await expect(client(f.fetch, { retries: 2 }).get('greeter')).rejects.toMatchObject({
      name: 'GalleyError',
      status: 503,
      code: 'unavailable',
      message: 'Retry shortly',
    });
    expect(f.calls).toHaveLength(3);
  });

  it('does not retry client errors, and never falls back on them', async () => {
    const f = scripted({ status: 404, body: { error: { code: 'not_found', message: 'No prompt "greeter"' } } });
    const error = await client(f.fetch)
      .get('greeter', { fallback: { content: prompt(1).content } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GalleyError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', transient: false });
    expect(f.calls).toHaveLength(1);
  });

  it('times out each attempt with an AbortController', async () => {
    const hang = vi.fn(
      (_url: unknown, init?: RequestInit) =>
        new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    const c = client(hang as unknown as typeof fetch, { timeoutMs: 20, retries: 1 });
    await expect(c.get('greeter')).rejects.toMatchObject({ status: 0, code: 'timeout' });
    expect(hang).toHaveBeenCalledTimes(2);
  });

  it('returns the caller fallback, flagged, when unreachable with nothing cached', async () => {
    const f = scripted(new TypeError('fetch failed'));
    const c = client(f.fetch, { retries: 0 });
    const fallback = { content: prompt(1, 'Hi {{name}} (bundled).').content };
    expect(await c.get('greeter', { fallback })).toMatchObject({ source: 'fallback', slug: 'greeter', name: 'greeter', version: null });
    expect(await c.render('greeter', { name: 'Ada' }, { fallback })).toMatchObject({ source: 'fallback', text: 'Hi Ada (bundled).' });
    await expect(c.get('greeter')).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('keeps serving the stale copy when the refresh fails, and reports the failure to onError', async () => {
    vi.useFakeTimers();
    const onError = vi.fn();
    const f = scripted(prompt(1), new TypeError('fetch failed'));
    const c = client(f.fetch, { retries: 0, onError });
    await c.get('greeter');
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await c.render('greeter', { name: 'Ada' })).toMatchObject({ source: 'stale', text: 'Hello Ada.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'unreachable' }), 'greeter');
  });

  it('renders locally with no request when warm, and checks variables like the server', async () => {
    const f = scripted(prompt(1));
    const c = client(f.fetch);
    await c.prefetch(['greeter']);
    expect(await c.render('greeter', { name: 'Ada' })).toEqual({
      messages: [{ role: 'system', content: 'Hello Ada.' }],
      text: 'Hello Ada.',
      version: 1,
      contentHash: 'hash-1',
      source: 'cache',
    });
    await expect(c.render('greeter', {})).rejects.toMatchObject({
      status: 422,
      code: 'invalid',
      message: 'Missing required variable "name"',
    });
    expect(f.calls).toHaveLength(1);
  });

  it('invalidate() forgets one prompt or everything', async () => {
    const f = scripted(prompt(1));
    const c = client(f.fetch);
    await c.get('greeter');
    await c.get('greeter', { version: 1 });
    c.invalidate('greeter');
    expect(await c.get('greeter')).toMatchObject({ source: 'network' });
    c.invalidate();
    expect(await c.get('greeter', { version: 1 })).toMatchObject({ source: 'network' });
    expect(f.calls).toHaveLength(4);
  });
});
