// One HTTP exchange with timeouts and retries: network errors, timeouts, 429 and 5xx are
// retried with exponential backoff (or after the server's Retry-After), up to `retries` times.
import { GalleyError } from './errors.js';

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  backoffMs: number;
}

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

const MAX_WAIT_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined when absent or invalid. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

async function attempt(options: TransportOptions, url: string, init: RequestInit): Promise<Reply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const res = await options.fetch(url, { ...init, signal: controller.signal });
    const text = res.status === 304 ? '' : await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, headers: res.headers, body };
  } catch (error) {
    if (controller.signal.aborted) throw new GalleyError(0, 'timeout', `No answer from ${url} within ${options.timeoutMs} ms`);
    throw new GalleyError(0, 'unreachable', `Could not reach ${url}: ${(error as Error)?.message ?? String(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

export async function send(options: TransportOptions, url: string, init: RequestInit): Promise<Reply> {
  for (let tries = 0; ; tries++) {
    let reply: Reply | undefined;
    let failure: GalleyError | undefined;
    try {
      reply = await attempt(options, url, init);
    } catch (error) {
      failure = error as GalleyError;
    }
    const transient = failure !== undefined || reply!.status === 429 || reply!.status >= 500;
    if (!transient || tries >= options.retries) {
      if (failure) throw failure;
      return reply!;
    }
    const backoff = options.backoffMs * 2 ** tries * (0.5 + Math.random() / 2);
    const asked = reply ? retryAfterMs(reply.headers.get('retry-after')) : undefined;
    await sleep(Math.min(asked ?? backoff, MAX_WAIT_MS));
  }
}

/** The server's `{ error: { code, message } }` as a GalleyError. */
export function toError(reply: Reply): GalleyError {
  const error = (reply.body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  return new GalleyError(
    reply.status,
    error?.code ?? `http_${reply.status}`,
    error?.message ?? `The API answered ${reply.status}`,
    error?.details,
  );
}
