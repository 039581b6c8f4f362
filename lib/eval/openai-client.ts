// A minimal client for OpenAI-compatible chat completions (OpenAI, Azure-style gateways,
// vLLM, Ollama, LM Studio…). Every failure becomes a ProviderError whose message an
// author can act on; the runner records it on the case instead of crashing the run.
import type { ChatMessage } from '@/lib/domain/template';

export interface ChatRequest {
  baseUrl: string;
  apiKey?: string | null;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  /** Extra body fields from the prompt's model settings; they never override model or messages. */
  params?: Record<string, unknown>;
}

export interface CallOptions {
  timeoutMs: number;
  /** Attempts after the first, on 429 and 5xx only. */
  retries: number;
  /** First backoff delay; doubled on every retry. */
  backoffMs?: number;
  /** Upper bound for any one wait, Retry-After included. */
  maxBackoffMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface ChatAnswer {
  output: string;
  latencyMs: number;
  tokensIn?: number;
  tokensOut?: number;
}

export type ProviderErrorKind = 'http' | 'timeout' | 'network' | 'invalid_response' | 'cancelled';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly status?: number;

  constructor(kind: ProviderErrorKind, message: string, status?: number) {
    super(message);
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = status;
  }
}

export function chatCompletionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ProviderError('cancelled', 'cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProviderError('cancelled', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After in seconds (the form providers use); HTTP dates are honoured too. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function describeHttpError(status: number, body: string): string {
  let detail = body.trim();
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (typeof message === 'string') detail = message;
  } catch {
    // not JSON: show the text as it came
  }
  detail = detail.length > 300 ? `${detail.slice(0, 300)}…` : detail;
  return `provider answered ${status}${detail ? `: ${detail}` : ''}`;
}

function describeNetworkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  const reason = cause?.code ?? cause?.message ?? (e as Error).message ?? String(e);
  return `could not connect: ${reason}`;
}

function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  // Some gateways answer with content parts.
  if (Array.isArray(content)) return content.map((p) => (typeof p?.text === 'string' ? p.text : '')).join('');
  return null;
}

function buildBody(req: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { ...req.params, model: req.model, messages: req.messages, stream: false };
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.maxTokens !== undefined) body.max_tokens = req.maxTokens;
  if (req.topP !== undefined) body.top_p = req.topP;
  return body;
}

async function attempt(
  req: ChatRequest,
  opts: CallOptions,
): Promise<{ answer?: ChatAnswer; retryable?: ProviderError; retryAfter?: number | null }> {
  const started = performance.now();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (req.apiKey) headers.authorization = `Bearer ${req.apiKey}`;
  try {
    const res = await (opts.fetch ?? fetch)(chatCompletionsUrl(req.baseUrl), {
      method: 'POST',
      headers,
      body: JSON.stringify(buildBody(req)),
      signal,
    });
    const text = await res.text();
    const latencyMs = Math.round(performance.now() - started);
    if (!res.ok) {
      const error = new ProviderError('http', describeHttpError(res.status, text), res.status);
      if (res.status === 429 || res.status >= 500) return { retryable: error, retryAfter: retryAfterMs(res.headers.get('retry-after')) };
      throw error;
    }
    let parsed: { choices?: { message?: { content?: unknown } }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ProviderError('invalid_response', 'provider answered with something that is not JSON');
    }
    const output = contentText(parsed?.choices?.[0]?.message?.content);
    if (output === null) throw new ProviderError('invalid_response', 'provider answered without a message (choices[0].message.content)');
    const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);
    return {
      answer: { output, latencyMs, tokensIn: count(parsed.usage?.prompt_tokens), tokensOut: count(parsed.usage?.completion_tokens) },
    };
  } catch (e) {
    if (e instanceof ProviderError) throw e;
    if (opts.signal?.aborted) throw new ProviderError('cancelled', 'cancelled');
    if (timeout.signal.aborted) throw new ProviderError('timeout', `timed out after ${duration(opts.timeoutMs)}`);
    throw new ProviderError('network', describeNetworkError(e));
  } finally {
    clearTimeout(timer);
  }
}

/** The default upper bound of one wait between attempts. */
export const MAX_BACKOFF_MS = 10_000;

/**
 * POSTs {baseUrl}/chat/completions. Each attempt has its own timeout; 429 and 5xx are
 * retried with exponential backoff (Retry-After wins when the provider sends it, capped).
 */
export async function chatCompletion(req: ChatRequest, opts: CallOptions): Promise<ChatAnswer> {
  const backoff = opts.backoffMs ?? 500;
  const cap = opts.maxBackoffMs ?? MAX_BACKOFF_MS;
  for (let i = 0; ; i++) {
    const result = await attempt(req, opts);
    if (result.answer) return result.answer;
    const error = result.retryable!;
    if (i >= opts.retries)
      throw i === 0 ? error : new ProviderError(error.kind, `${error.message} (after ${i + 1} attempts)`, error.status);
    await sleep(Math.min(result.retryAfter ?? backoff * 2 ** i, cap), opts.signal);
  }
}
