// What the custom server says about a request in its log line and metrics: a route label from
// a short fixed list (never the URL, which holds slugs and one-time tokens and would make a
// metric series per address), and the request id.
import { randomUUID } from 'node:crypto';

export const ROUTE_LABELS = [
  'api_v1',
  'api_public',
  'api_mcp',
  'api_auth',
  'api_other',
  'probe',
  'metrics',
  'action',
  'static',
  'page',
] as const;
export type RouteLabel = (typeof ROUTE_LABELS)[number];

const STATIC_FILE = /\.[A-Za-z0-9]{1,8}$/;

function under(path: string, prefix: string): boolean {
  return path === prefix || (path.startsWith(prefix) && (path[prefix.length] === '/' || path[prefix.length] === '?'));
}

export function routeLabel(method: string | undefined, url: string | undefined, nextAction: unknown): RouteLabel {
  const path = url ?? '/';
  if (path.startsWith('/api/')) {
    if (under(path, '/api/v1')) return 'api_v1';
    if (under(path, '/api/public')) return 'api_public';
    if (under(path, '/api/mcp')) return 'api_mcp';
    if (under(path, '/api/auth')) return 'api_auth';
    if (under(path, '/api/health') || under(path, '/api/ready')) return 'probe';
    return 'api_other';
  }
  if (under(path, '/metrics')) return 'metrics';
  if (method === 'POST' && nextAction) return 'action';
  if (path.startsWith('/_next/static/') || path.startsWith('/_next/image')) return 'static';
  const q = path.indexOf('?');
  return STATIC_FILE.test(q < 0 ? path : path.slice(0, q)) ? 'static' : 'page';
}

// A proxy's or a client's id is kept when it is short and made of characters that are safe in
// a log line and a header (UUIDs, ULIDs, AWS trace ids); anything else gets an id of our own.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:;=+/@-]{1,128}$/;

export function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The status class a metric is labelled with; 499 marks a request the client gave up on. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}
