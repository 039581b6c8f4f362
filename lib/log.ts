// Structured logs: one JSON line per event on stdout, from one pino logger per process. It is
// a globalThis singleton like the database handle (the custom server and Next's bundle hold
// separate module copies), so both write through one buffered stream that shutdown flushes.
// In a terminal outside production the lines are printed readably instead (lib/log-pretty.ts).
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import { env } from './env';
import { prettyLine } from './log-pretty';
import { singleton } from './singleton';

/** What the request being served collects for its log line; set up by server.ts. */
export interface RequestScope {
  requestId: string;
  /** The reference of the first unexpected error logged while serving it. */
  errorId?: string;
}

// Never written: credentials in headers, API keys, passwords, tokens, and prompt bodies (a
// revision's content, an action's input). The request line is built field by field and
// carries none of them; these paths catch what an error or a debug line might pass along.
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'password',
  'apiKey',
  'key',
  'token',
  'secret',
  'content',
  'body',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-galley-key"]',
  '*.authorization',
  '*.cookie',
  '*.password',
  '*.apiKey',
  '*.key',
  '*.token',
  '*.secret',
  '*.content',
  '*.body',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-galley-key"]',
];

/**
 * Errors keep their type, message, stack and code. Not pino's standard serializer: it copies
 * every enumerable property, and Prisma's errors carry query arguments (prompt bodies) in them.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const out: Record<string, unknown> = { type: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  if (error.cause instanceof Error) out.cause = { type: error.cause.name, message: error.cause.message };
  return out;
}

function destination(): DestinationStream {
  if (env.NODE_ENV !== 'production' && process.stdout.isTTY) {
    return { write: (line: string) => void process.stdout.write(prettyLine(line)) };
  }
  // Asynchronous: a line costs a copy into the buffer, not a write(2). Shutdown flushes it,
  // and pino flushes it on exit.
  return pino.destination({ dest: 1, sync: false });
}

export function createLogger(level: string = env.GALLEY_LOG_LEVEL, dest: DestinationStream = destination()): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    dest,
  );
}

/** The process-wide logger. */
export function logger(): Logger {
  return singleton('Logger', () => createLogger());
}

/** The scope of the request being served, if any (see RequestScope). */
export function requestScope(): AsyncLocalStorage<RequestScope> {
  return singleton('RequestScope', () => new AsyncLocalStorage<RequestScope>());
}

/** Writes out what is buffered; shutdown awaits it before the process exits. */
export function flushLog(): Promise<void> {
  return new Promise((resolve) => logger().flush(() => resolve()));
}
