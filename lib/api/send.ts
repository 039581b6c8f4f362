// Answering from a cached body, shared by /api/v1 and the Langfuse-compatible path. Bodies
// are compressed once, when they are cached (brotli and gzip, for bodies worth it), so the
// warm path picks bytes and never compresses per request; a refusal for the rate limit is a
// prebuilt response, so refusing costs less than serving.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { AppError } from '@/lib/errors';
import type { CachedBody } from './cache';
import { errorResponse, type ApiRequest, type ApiResponse } from './http';

/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESSED = 1024;
const JSON_TYPE = 'application/json; charset=utf-8';

/** A cached body for `payload`, with its compressed variants when it is large enough. */
export function cachedBody(payload: unknown, etag: string, cacheControl: string, headers?: Record<string, string>): CachedBody {
  const body = Buffer.from(JSON.stringify(payload));
  if (body.length < MIN_COMPRESSED) return { body, etag, cacheControl, headers };
  return {
    body,
    etag,
    cacheControl,
    headers,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip: gzipSync(body),
  };
}

export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** The encoding to send: brotli, then gzip, when the client accepts it (a `;q=0` refusal included). */
function chooseEncoding(acceptEncoding: string | undefined, entry: CachedBody): 'br' | 'gzip' | null {
  if (!acceptEncoding || !entry.br) return null;
  if (acceptEncoding.includes('br') && !/\bbr\s*;\s*q=0(?:\.0*)?\b/.test(acceptEncoding)) return 'br';
  if (acceptEncoding.includes('gzip') && !/\bgzip\s*;\s*q=0(?:\.0*)?\b/.test(acceptEncoding)) return 'gzip';
  return null;
}

type Encoding = 'br' | 'gzip' | null;

/** The response for one encoding of `entry`, 200 or 304; built on first use (sendCached keeps it). */
function buildResponse(entry: CachedBody, encoding: Encoding, notModified: boolean): ApiResponse {
  // A compressed representation gets a weak ETag (as nginx does); If-None-Match matches either.
  const headers: Record<string, string> = {
    etag: encoding ? `W/${entry.etag}` : entry.etag,
    'cache-control': entry.cacheControl,
    ...entry.headers,
  };
  if (entry.br) headers.vary = 'Accept-Encoding';
  if (notModified) return { status: 304, headers, body: null };
  headers['content-type'] = JSON_TYPE;
  if (!encoding) return { status: 200, headers, body: entry.body };
  headers['content-encoding'] = encoding;
  return { status: 200, headers, body: encoding === 'br' ? entry.br! : entry.gzip! };
}

/**
 * 304 when the client's ETag matches, else the body in the best encoding the client takes.
 * Each of an entry's (at most six) responses is built once and then shared, frozen: the warm
 * path allocates no headers per request, and the server can keep their wire form
 * (lib/server/warm-response.ts).
 */
export function sendCached(req: ApiRequest, entry: CachedBody): ApiResponse {
  const encoding = chooseEncoding(req.headers['accept-encoding'], entry);
  const notModified = etagMatches(req.headers['if-none-match'], entry.etag);
  const slot = `${encoding ?? 'identity'}${notModified ? ' 304' : ''}`;
  const sent = (entry.sent ??= {});
  return (sent[slot] ??= frozen(buildResponse(entry, encoding, notModified)));
}

function frozen(response: ApiResponse): ApiResponse {
  Object.freeze(response.headers);
  return Object.freeze(response);
}

const RATE_LIMITED = 'Too many requests for this API key';
const refusals = new Map<number, ApiResponse>();

/** The 429 for a wait of `seconds`, built once per distinct wait. */
export function rateLimitedResponse(seconds: number): ApiResponse {
  let response = refusals.get(seconds);
  if (!response) {
    response = frozen(errorResponse(new AppError('rate_limited', RATE_LIMITED, { headers: { 'retry-after': String(seconds) } })));
    if (refusals.size < 1000) refusals.set(seconds, response);
  }
  return response;
}
