// The read API's transport-neutral request/response, so one handler serves both the custom
// server's fast path and Next's route handler. Errors are AppErrors (lib/errors.ts).
import { AppError } from '@/lib/errors';

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

export function errorResponse(e: AppError): ApiResponse {
  return jsonResponse(
    e.status,
    {
      error: {
        code: e.code,
        message: e.message,
        ...(e.details && { details: e.details }),
        ...(e.fieldErrors && { fieldErrors: e.fieldErrors }),
        ...e.fields,
      },
    },
    { 'cache-control': 'no-store', ...e.headers },
  );
}
