// Regression: read API responses were sent uncompressed whatever Accept-Encoding said (a
// 200-block prompt was 258,624 bytes on the wire), and the 429 path built an exception and
// a new body per refusal, running at 0.30× the speed of serving.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cachedBody, rateLimitedResponse, sendCached } from './send';

const big = { content: 'lorem ipsum '.repeat(2000) };
const req = (headers: Record<string, string> = {}) => ({ method: 'GET', url: '/api/v1/prompts/x', headers });

describe('sendCached', () => {
  it('compresses a large body once, and sends the encoding the client accepts', () => {
    const entry = cachedBody(big, '"h1"', 'private, no-cache');
    expect(entry.br!.length).toBeLessThan(entry.body.length / 10);
    const br = sendCached(req({ 'accept-encoding': 'gzip, deflate, br' }), entry);
    expect(br.headers).toMatchObject({ 'content-encoding': 'br', vary: 'Accept-Encoding', etag: 'W/"h1"' });
    expect(JSON.parse(brotliDecompressSync(br.body!).toString())).toEqual(big);
    const gzip = sendCached(req({ 'accept-encoding': 'gzip' }), entry);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body!).toString())).toEqual(big);
    expect(gzip.body).toBe(sendCached(req({ 'accept-encoding': 'gzip' }), entry).body); // the same bytes, not recompressed
  });

  it('sends identity to a client that accepts nothing else, or refuses an encoding with q=0', () => {
    const entry = cachedBody(big, '"h1"', 'private, no-cache');
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = sendCached(req(accept ? { 'accept-encoding': accept } : {}), entry);
      expect(res.headers['content-encoding'], String(accept)).toBeUndefined();
      expect(res.body).toBe(entry.body);
      expect(res.headers.etag).toBe('"h1"');
    }
    expect(sendCached(req({ 'accept-encoding': 'br;q=0, gzip' }), entry).headers['content-encoding']).toBe('gzip');
  });

  it('leaves small bodies alone, and answers 304 to either ETag', () => {
    const small = cachedBody({ a: 1 }, '"h2"', 'private, no-cache');
    expect(small.br).toBeUndefined();
    expect(sendCached(req({ 'accept-encoding': 'br' }), small).headers.vary).toBeUndefined();
    const entry = cachedBody(big, '"h1"', 'private, no-cache');
    expect(sendCached(req({ 'if-none-match': 'W/"h1"', 'accept-encoding': 'br' }), entry).status).toBe(304);
    expect(sendCached(req({ 'if-none-match': '"h1"' }), entry).status).toBe(304);
  });
});

describe('rateLimitedResponse', () => {
  it('is one prebuilt 429 per wait, with Retry-After and the JSON error', () => {
    const a = rateLimitedResponse(2);
    expect(a).toBe(rateLimitedResponse(2));
    expect(a.status).toBe(429);
    expect(a.headers['retry-after']).toBe('2');
    expect(JSON.parse(a.body!.toString())).toEqual({ error: { code: 'rate_limited', message: 'Too many requests for this API key' } });
    expect(rateLimitedResponse(3).headers['retry-after']).toBe('3');
  });
});
