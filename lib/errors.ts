// The one error type. Expected failures carry a code; the code decides the HTTP status
// (read API) and the wording the UI shows (actions). Anything that is not an AppError is
// unexpected: it is logged with a short reference id, and the caller sees only the id.
import { logger, requestScope } from './log';

export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  invalid: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  fieldErrors?: FieldErrors;
  details?: Record<string, unknown>;
  /** Extra response headers (read API): Allow, Retry-After, WWW-Authenticate. */
  headers?: Record<string, string>;
  /** Extra members of the API's error object (the write API's conflict names the moved head). */
  fields?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  readonly details?: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly fields?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, opts: AppErrorOptions = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = opts.fieldErrors;
    this.details = opts.details;
    this.headers = opts.headers ?? {};
    this.fields = opts.fields;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

// Crockford base32 without I, L, O, U: easy to read aloud and to type into a log search.
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short id that ties what the user sees to one log line, e.g. "7F3K2". */
export function newErrorId(): string {
  return [...crypto.getRandomValues(new Uint8Array(5))].map((b) => ID_ALPHABET[b % 32]).join('');
}

/** The message a user sees for an unexpected failure. */
export function unexpectedMessage(errorId: string): string {
  return `Something went wrong on our side. Your input was not lost; try again. Reference: ${errorId}`;
}

/**
 * Logs an unexpected error as one structured line (lib/log.ts) and returns its id. Inside a
 * request the line carries the request id, and the request's own line the error id.
 */
export function logUnexpected(where: string, error: unknown, errorId = newErrorId()): string {
  const scope = requestScope().getStore();
  if (scope) scope.errorId ??= errorId;
  logger().error({ errorId, ...(scope && { requestId: scope.requestId }), where, err: error }, `unexpected error in ${where}`);
  return errorId;
}

/**
 * For an API request that failed unexpectedly: logs it and returns the `unavailable` error the
 * caller sees, which carries only the log line's reference and asks for a retry.
 */
export function unavailableAfter(where: string, error: unknown): AppError {
  const errorId = logUnexpected(where, error);
  return new AppError('unavailable', `The service is temporarily unavailable; retry shortly. Reference: ${errorId}`, {
    headers: { 'retry-after': '1' },
  });
}
