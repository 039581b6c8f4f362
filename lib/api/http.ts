// The read API's transport-neutral request/response, so one handler serves both the custom
// server's fast path and Next's route handler.
export interface ApiRequest {
  method: string;
  /** Path and query, e.g. /api/v1/prompts/support-agent?version=3 */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body?: Buffer;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value)) };
}

export type ApiErrorCode = 'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'method_not_allowed' | 'conflict' | 'payload_too_large' | 'invalid' | 'rate_limited';

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  invalid: 422,
  rate_limited: 429,
};

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function errorResponse(e: ApiError): ApiResponse {
  return jsonResponse(STATUS[e.code], { error: { code: e.code, message: e.message, ...(e.details && { details: e.details }) } }, { 'cache-control': 'no-store', ...e.headers });
}
