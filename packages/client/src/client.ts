// A cached client for Galley's read API. Reads are served from memory while fresh (ttlMs);
// after that the stale copy is served at once while one background refresh per key
// revalidates it with If-None-Match. With nothing cached and the API unreachable, the
// caller's fallback is returned, flagged `source: 'fallback'`. render() renders locally from
// the cached prompt, so a warm render makes no request.
import { GalleyError } from './errors.js';
import { renderContent, type PlaceholderMessages } from './render.js';
import { send, toError, type TransportOptions } from './transport.js';
import type { FallbackPrompt, Prompt, PromptContent, Rendered, ServedPrompt } from './types.js';

export interface GalleyClientOptions {
  /** Where Galley runs, e.g. `https://galley.example.com`. */
  baseUrl: string;
  /** A `glk_…` API key; its environment decides what is served. */
  apiKey: string;
  /** How long a fetched prompt is served without asking the API (default 60 s). */
  ttlMs?: number;
  /** Per attempt (default 5 s). */
  timeoutMs?: number;
  /** Retries after network errors, timeouts, 429 and 5xx (default 2). */
  retries?: number;
  /** First backoff between retries, doubled each time, unless the server sends Retry-After (default 250 ms). */
  backoffMs?: number;
  fetch?: typeof fetch;
  /** Called with errors nobody awaits: failed background refreshes and prefetches. */
  onError?: (error: unknown, slug: string) => void;
  /** Sticky canary bucketing per caller (sent as X-Galley-Canary-Key). */
  canaryKey?: string;
}

export interface ReadOptions {
  /** A release number; releases never change, so they are cached for good. */
  version?: number;
  /** Served when the API is unreachable and nothing is cached. */
  fallback?: { content: PromptContent; name?: string };
}

interface Entry {
  value: ServedPrompt;
  etag: string | null;
  fetchedAt: number;
  immutable: boolean;
}

export class GalleyClient {
  private readonly cache = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<ServedPrompt>>();
  private readonly transport: TransportOptions;
  private readonly baseUrl: string;
  private readonly ttlMs: number;

  constructor(private readonly options: GalleyClientOptions) {
    if (!options.fetch && typeof globalThis.fetch !== 'function') throw new TypeError('No fetch in this runtime: pass options.fetch');
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.ttlMs = options.ttlMs ?? 60_000;
    this.transport = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? 5_000,
      retries: options.retries ?? 2,
      backoffMs: options.backoffMs ?? 250,
    };
  }

  /** The prompt as the key's environment serves it (or release `version`). */
  async get(slug: string, options: ReadOptions = {}): Promise<Prompt | FallbackPrompt> {
    const key = cacheKey(slug, options.version);
    const cached = this.cache.get(key);
    if (cached && (cached.immutable || Date.now() - cached.fetchedAt < this.ttlMs)) return { ...cached.value, source: 'cache' };
    if (cached) {
      this.load(key).catch((error: unknown) => this.options.onError?.(error, slug));
      return { ...cached.value, source: 'stale' };
    }
    try {
      return { ...(await this.load(key)), source: 'network' };
    } catch (error) {
      if (options.fallback && error instanceof GalleyError && error.transient) {
        const { content, name = slug } = options.fallback;
        return { source: 'fallback', slug, name, version: null, contentHash: null, content };
      }
      throw error;
    }
  }

  /** Renders locally from the cached prompt (fetching it first when cold); throws GalleyError `invalid` on bad variables. */
  async render(
    slug: string,
    variables: Record<string, unknown>,
    options: ReadOptions & { placeholders?: PlaceholderMessages } = {},
  ): Promise<Rendered> {
    const prompt = await this.get(slug, options);
    const result = renderContent(prompt.content, variables, options.placeholders ?? {});
    if (!result.ok) throw new GalleyError(422, 'invalid', result.errors.map((e) => e.message).join('; '), { errors: result.errors });
    const rendered: Rendered = {
      messages: result.messages,
      text: result.text,
      version: prompt.version,
      contentHash: prompt.contentHash,
      source: prompt.source,
    };
    if ('revision' in prompt && prompt.revision) rendered.revision = prompt.revision;
    return rendered;
  }

  /** Loads (or refreshes) prompts ahead of use; failures go to onError, never reject. */
  async prefetch(slugs: string[]): Promise<void> {
    await Promise.all(slugs.map((slug) => this.load(cacheKey(slug)).catch((error: unknown) => this.options.onError?.(error, slug))));
  }

  /** Forgets one prompt (all its versions), or everything. */
  invalidate(slug?: string): void {
    if (slug === undefined) return this.cache.clear();
    for (const key of this.cache.keys()) if (key === slug || key.startsWith(`${slug}@`)) this.cache.delete(key);
  }

  /** One request per key at a time: concurrent readers and refreshes share it. */
  private load(key: string): Promise<ServedPrompt> {
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchEntry(key).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetchEntry(key: string): Promise<ServedPrompt> {
    const [slug, version] = key.split('@') as [string, string | undefined];
    const cached = this.cache.get(key);
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.apiKey}`, accept: 'application/json' };
    if (this.options.canaryKey) headers['x-galley-canary-key'] = this.options.canaryKey;
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    const url = `${this.baseUrl}/api/v1/prompts/${encodeURIComponent(slug)}${version ? `?version=${version}` : ''}`;
    const reply = await send(this.transport, url, { headers });
    if (reply.status === 304 && cached) {
      cached.fetchedAt = Date.now();
      return cached.value;
    }
    if (reply.status !== 200) throw toError(reply);
    const value = reply.body as ServedPrompt;
    const immutable = /immutable/.test(reply.headers.get('cache-control') ?? '');
    this.cache.set(key, { value, etag: reply.headers.get('etag'), fetchedAt: Date.now(), immutable });
    return value;
  }
}

function cacheKey(slug: string, version?: number): string {
  return version === undefined ? slug : `${slug}@${version}`;
}
