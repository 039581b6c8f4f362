// Next route handlers for the paths the custom server normally answers itself (/api/v1,
// /api/public): under `next dev`, or whenever a request reaches Next, the same handler
// answers through this adapter from a Web Request to the transport-neutral ApiRequest.
import 'server-only';
import { handleApiRequest } from './handler';
import type { ApiResponse } from './http';

export function toWebResponse(res: ApiResponse): Response {
  return new Response(res.body ? new Uint8Array(res.body) : null, { status: res.status, headers: res.headers });
}

export async function handleNextApiRequest(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.from(await req.arrayBuffer());
  return toWebResponse(await handleApiRequest({ method: req.method, url: url.pathname + url.search, headers, body }));
}
