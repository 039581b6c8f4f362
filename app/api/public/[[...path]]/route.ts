// Next's route for the Langfuse-compatible prompt endpoint (lib/api/langfuse.ts), used under
// `next dev`; the custom server answers /api/public itself through the same handler (server.ts).
import { handleApiRequest } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => (headers[k] = v));
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.from(await req.arrayBuffer());
  const res = await handleApiRequest({ method: req.method, url: url.pathname + url.search, headers, body });
  return new Response(res.body ? new Uint8Array(res.body) : null, { status: res.status, headers: res.headers });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
