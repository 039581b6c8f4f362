import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { countApiCache, countDraftSave, countPublish, observeHttp } from '../metrics';
import { isMetricsPath, serveMetrics, tokenMatches } from './metrics-endpoint';

const TOKEN = 'scrape-token-0123456789';

function answer(method: string, authorization?: string, { token }: { token?: string } = { token: TOKEN }) {
  const req = { method, headers: authorization ? { authorization } : {} } as unknown as IncomingMessage;
  const out: { status?: number; headers?: Record<string, string>; body?: string } = {};
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      out.status = status;
      out.headers = headers;
      return res;
    },
    end(body?: string) {
      out.body = body;
    },
  } as unknown as ServerResponse;
  return serveMetrics(req, res, token).then(() => out);
}

describe('/metrics', () => {
  it('is only the exact path', () => {
    expect(['/metrics', '/metrics?x=1'].map(isMetricsPath)).toEqual([true, true]);
    expect(['/metricsx', '/api/metrics', '/', undefined].map(isMetricsPath)).toEqual([false, false, false, false]);
  });

  it('does not exist (404 JSON) without GALLEY_METRICS_TOKEN', async () => {
    const out = await answer('GET', `Bearer ${TOKEN}`, { token: undefined });
    expect(out.status).toBe(404);
    expect(out.headers?.['content-type']).toContain('application/json');
    expect(JSON.parse(out.body!)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
    ]) {
      const out = await answer('GET', authorization);
      expect(out.status, authorization).toBe(401);
      expect(out.headers?.['www-authenticate']).toContain('Bearer');
      expect(out.body).not.toContain('galley_');
    }
  });

  it('serves the exposition format with the right token', async () => {
    observeHttp('api_v1', 200, 0.0004);
    observeHttp('api_v1', 304, 0.0002);
    countApiCache(true);
    countApiCache(false);
    countDraftSave();
    countPublish();
    const out = await answer('GET', `Bearer ${TOKEN}`);
    expect(out.status).toBe(200);
    expect(out.headers?.['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = out.body!;
    expect(body).toContain('galley_http_request_duration_seconds_count{route="api_v1",status_class="2xx",status="200"} 1');
    expect(body).toContain('galley_http_request_duration_seconds_bucket{le="0.0005",route="api_v1",status_class="3xx",status="304"} 1');
    expect(body).toMatch(/^galley_api_cache_hits_total 1$/m);
    expect(body).toMatch(/^galley_api_cache_misses_total 1$/m);
    expect(body).toMatch(/^galley_draft_saves_total 1$/m);
    expect(body).toMatch(/^galley_releases_published_total 1$/m);
    expect(body).toContain('galley_db_engine{engine="pglite"} 1');
    expect(body).toContain('nodejs_eventloop_lag_seconds');
    expect((await answer('HEAD', `Bearer ${TOKEN}`)).body).toBeUndefined();
    expect((await answer('POST', `Bearer ${TOKEN}`)).status).toBe(405);
  });

  it('compares tokens whatever their length', () => {
    expect(tokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(tokenMatches(`bearer   ${TOKEN} `, TOKEN)).toBe(true);
    expect(tokenMatches('Bearer x', TOKEN)).toBe(false);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
  });

  // Regression: a collector that threw became a 400 from the server's generic handler; a
  // scraper must see a retryable 503 with the log line's reference instead.
  it('answers 503 with a reference when a collector fails', async () => {
    const spy = vi.spyOn(Registry.prototype, 'metrics').mockRejectedValueOnce(new Error('collector broke'));
    const out = await answer('GET', `Bearer ${TOKEN}`);
    spy.mockRestore();
    expect(out.status).toBe(503);
    expect(out.headers?.['retry-after']).toBe('5');
    expect(JSON.parse(out.body!)).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/Reference: \S+/) } });
    expect((await answer('GET', `Bearer ${TOKEN}`)).status, 'the next scrape works').toBe(200);
  });
});
