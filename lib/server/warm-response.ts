// The read API's warm responses on the wire. A cached response (lib/api/send.ts) is built once
// and frozen; its headers are kept here in the flat list that Node writes without a header
// map, so a warm request sets no header one by one (each setHeader validates and stores).
import type { ServerResponse } from 'node:http';
import type { ApiResponse } from '../api/http';

const flatLists = new WeakMap<ApiResponse, string[]>();

function flatHeaders(response: ApiResponse): string[] {
  let list = flatLists.get(response);
  if (!list) {
    list = Object.entries(response.headers).flat();
    // Only a prebuilt response is seen again; a one-off (an error) is not worth remembering.
    if (Object.isFrozen(response)) flatLists.set(response, list);
  }
  return list;
}

/**
 * Writes `response` with the request's id, nosniff (JSON cannot be framed or run: of the
 * security headers the API needs only this one) and, while the server stops, `Connection: close`.
 */
export function writeWarm(res: ServerResponse, response: ApiResponse, requestId: string, closing: boolean): void {
  const headers = [...flatHeaders(response), 'x-request-id', requestId, 'x-content-type-options', 'nosniff'];
  if (closing) headers.push('connection', 'close');
  res.writeHead(response.status, headers);
  res.end(response.body ?? undefined);
}
