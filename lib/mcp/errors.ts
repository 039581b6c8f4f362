// How failures reach an MCP client. Expected ones are AppErrors, as everywhere in Galley; the
// MCP way to say "your request named something wrong" is the JSON-RPC code InvalidParams,
// so every caller mistake maps to it and keeps Galley's own code in `data.code`. Anything
// else is unexpected: it is logged with an id, and the client sees only the id.
import 'server-only';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AppError, unavailableAfter, type ErrorCode as AppErrorCode } from '@/lib/errors';

const CALLER_MISTAKES: AppErrorCode[] = ['bad_request', 'not_found', 'forbidden', 'invalid'];

/**
 * A JSON-RPC error the SDK sends as it is: it reads `code`, `message` and `data` off whatever a
 * handler throws. (McpError would put "MCP error -32602:" in front of the message, and the
 * SDK's client adds that prefix again when it reads the answer.)
 */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export const invalidParams = (message: string, data?: Record<string, unknown>) => new RpcError(ErrorCode.InvalidParams, message, data);

/** The JSON-RPC error for a failure inside an MCP request (prompts/get, a tool, …). */
export function toRpcError(e: unknown): Error {
  if (e instanceof RpcError || e instanceof McpError) return e;
  if (e instanceof AppError) {
    const code = CALLER_MISTAKES.includes(e.code) ? ErrorCode.InvalidParams : ErrorCode.InternalError;
    return new RpcError(code, e.message, { code: e.code, ...e.details });
  }
  return new RpcError(ErrorCode.InternalError, unavailableAfter('MCP endpoint', e).message);
}

/**
 * A request handler's schema that takes any params. The SDK checks a request against the
 * handler's schema before the handler runs and reports a mismatch as InternalError carrying
 * the raw zod issues; a malformed request is the caller's mistake, so the handler checks the
 * params itself with `parseRequest` and answers InvalidParams in words.
 */
export const anyParams = <M extends string>(method: M) => z.object({ method: z.literal(method), params: z.unknown().optional() });

export function parseRequest<S extends z.ZodType>(schema: S, request: { method: string; params?: unknown }): z.output<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`);
  throw invalidParams(`Invalid ${request.method} request: ${issues.join('; ')}`);
}

/** Runs an MCP request handler, turning whatever it throws into its JSON-RPC error. */
export async function mcpGuard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toRpcError(e);
  }
}

// The HTTP answer when a request fails before the MCP server sees it (method, key, rate
// limit): still a JSON-RPC error body, as the SDK's own transport errors are, so a client
// reads one shape from this endpoint; `data.code` is Galley's error code.
const SERVER_ERROR = -32000;

export function httpError(e: AppError): Response {
  const body = { jsonrpc: '2.0', id: null, error: { code: SERVER_ERROR, message: e.message, data: { code: e.code } } };
  return Response.json(body, { status: e.status, headers: { 'cache-control': 'no-store', ...e.headers } });
}
