// The write API over HTTP (`Authorization: Bearer gst_…`), one request at a time. Answers are
// parsed with the schemas in schemas.ts; an error answer becomes an ApiError with the server's
// code, message, field errors and, on a conflict, the head that moved.
import type { z } from 'zod';
import { CliError, EXIT } from './errors.js';
import { errorBodySchema, type ErrorBody } from './schemas.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

export interface Credentials {
  url: string;
  token: string;
}

export type Api = <S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown) => Promise<z.output<S>>;

const TIMEOUT_MS = 30_000;

export function createApi({ url, token }: Credentials, userAgent: string): Api {
  const base = url.replace(/\/+$/, '');
  return async (method, path, schema, body) => {
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1/workspace${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': userAgent,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new CliError(EXIT.failure, `Cannot reach Galley at ${base}${cause || (error instanceof Error ? `: ${error.message}` : '')}`);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // handled below: not JSON
    }
    if (!res.ok) {
      const parsed = errorBodySchema.safeParse(json);
      if (parsed.success) throw new ApiError(res.status, parsed.data.error);
      throw new CliError(EXIT.failure, `${method} ${path} answered ${res.status} without a Galley error body; is ${base} a Galley server?`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CliError(
        EXIT.failure,
        `${method} ${path} answered in an unexpected shape (${issue?.path.join('.') || 'body'}: ${issue?.message}); is the server a matching Galley version?`,
      );
    }
    return parsed.data;
  };
}

/** The exit code for an API error that no command handles on its own. */
export function exitCodeFor(error: ApiError) {
  if (error.status === 401 || error.status === 403) return EXIT.refused;
  if (error.status === 409) return EXIT.conflict;
  if (error.status === 400 || error.status === 422) return EXIT.invalid;
  if (error.status === 404) return EXIT.usage;
  return EXIT.failure;
}
