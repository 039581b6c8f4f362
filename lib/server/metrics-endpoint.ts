// /metrics, answered by the custom server itself: the registry lives in this process, the
// server is where responses are measured, and a scrape keeps working when Next is busy.
// Without GALLEY_METRICS_TOKEN the endpoint does not exist (404); with it, a scraper sends
// `Authorization: Bearer <token>` (401 otherwise).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logUnexpected } from '../errors';
import { renderMetrics } from '../metrics';

export const isMetricsPath = (url: string | undefined) => url === '/metrics' || !!url?.startsWith('/metrics?');

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so neither the token's length nor its bytes leak through timing. */
export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && timingSafeEqual(digest(presented), digest(token));
}

function refuse(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify({ error: { code, message } }));
}

export async function serveMetrics(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
  if (!token) return refuse(res, 404, 'not_found', 'Metrics are off: set GALLEY_METRICS_TOKEN to serve them');
  if (!tokenMatches(req.headers.authorization, token)) {
    return refuse(res, 401, 'unauthenticated', 'Send the metrics token as "Authorization: Bearer <GALLEY_METRICS_TOKEN>"', {
      'www-authenticate': 'Bearer realm="metrics"',
    });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method_not_allowed', 'Use GET', { allow: 'GET, HEAD' });
  let rendered: Awaited<ReturnType<typeof renderMetrics>>;
  try {
    rendered = await renderMetrics();
  } catch (e) {
    const errorId = logUnexpected('metrics', e);
    return refuse(res, 503, 'unavailable', `Metrics could not be collected; retry shortly. Reference: ${errorId}`, { 'retry-after': '5' });
  }
  const { contentType, body } = rendered;
  res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
