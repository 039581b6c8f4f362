// The MCP endpoint over Streamable HTTP (app/api/mcp/route.ts), stateless: every POST gets a
// new server and transport, answers in JSON, and keeps nothing, so several instances can
// serve it. Authentication and the rate limit are the read API's, checked before the SDK
// sees the request; the key is a Galley API key sent as `Authorization: Bearer glk_…`.
import 'server-only';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { authenticate, type AuthenticatedKey } from '@/lib/api/auth';
import { takeToken } from '@/lib/api/limiter';
import { AppError, unavailableAfter } from '@/lib/errors';
import { httpError } from './errors';
import { mcpServer } from './server';

const MAX_BODY = 256 * 1024; // as the read API's render

// GET would open an event stream for server-initiated messages and DELETE would end a
// session; a stateless server has neither, and Streamable HTTP lets it answer 405.
const NOT_POST: Record<string, string> = {
  GET: 'This MCP endpoint is stateless and opens no event stream; send JSON-RPC requests with POST',
  DELETE: 'This MCP endpoint keeps no sessions, so there is none to end; send JSON-RPC requests with POST',
};

export async function handleMcpRequest(req: Request): Promise<Response> {
  try {
    if (req.method !== 'POST') {
      const message = NOT_POST[req.method] ?? `${req.method} is not an MCP method; send JSON-RPC requests with POST`;
      throw new AppError('method_not_allowed', message, { headers: { allow: 'POST' } });
    }
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => (headers[name] = value));
    const key = await authenticate(headers);
    takeToken(key.keyId);
    return await serve(req, key);
  } catch (e) {
    return httpError(e instanceof AppError ? e : unavailableAfter('MCP endpoint', e));
  }
}

async function serve(req: Request, key: AuthenticatedKey): Promise<Response> {
  const server = mcpServer(key);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MAX_BODY,
  });
  await server.connect(transport);
  try {
    // With JSON responses the transport resolves once every request in the body is answered.
    return await transport.handleRequest(req);
  } finally {
    await server.close();
  }
}
