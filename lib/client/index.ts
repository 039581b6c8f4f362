// A small typed client for Galley's read API, usable from Node 18+ and browsers (fetch).
// It keeps an in-memory cache with a TTL and stale-while-revalidate, revalidates with
// If-None-Match, and when the API cannot be reached answers from the cache, by rendering a
// cached prompt locally, or with a caller-supplied fallback.
import { parseContent, type Content } from '@/lib/domain/content';
import { renderContent, type ChatMessage } from '@/lib/domain/template';

export interface ServedPrompt {
  slug: string;
  name: string;
  environment: 'development' | 'staging' | 'production';
  kind: 'release' | 'revision';
  version: number | null;
  revision?: number;
  canary?: boolean;
  contentHash: string;
  content: Content;
}

export interface Rendered {
  messages: ChatMessage[];
  text: string;
  version: number | null;
  revision?: number;
  contentHash: string;
}

export interface GalleyClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Fresh for this long (default 30 s). */
  ttlMs?: number;
  /** After the TTL, serve the cached value for this much longer while revalidating (default 5 min). */
  staleMs?: number;
  timeoutMs?: number;
  /** Sticky canary bucketing per caller (sent as X-Galley-Canary-Key). */
  canaryKey?: string;
  fetch?: typeof fetch;
}

export class GalleyApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  value: ServedPrompt;
  etag: string | null;
  fetchedAt: number;
  immutable: boolean;
}

export class GalleyClient {
  private cache = new Map<string, Entry>();
  private inflight = new Map<string, Promise<ServedPrompt>>();
  private readonly opts: Required<Omit<GalleyClientOptions, 'canaryKey'>> & { canaryKey?: string };

  constructor(options: GalleyClientOptions) {
    this.opts = {
      ttlMs: 30_000,
      staleMs: 300_000,
      timeoutMs: 5_000,
      fetch: globalThis.fetch.bind(globalThis),
      ...options,
      baseUrl: options.baseUrl.replace(/\/$/, ''),
    };
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      authorization: `Bearer ${this.opts.apiKey}`,
      ...(this.opts.canaryKey && { 'x-galley-canary-key': this.opts.canaryKey }),
      ...extra,
    };
  }

  private async request(path: string, init: RequestInit): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      return await this.opts.fetch(`${this.opts.baseUrl}${path}`, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetchPrompt(path: string, cached: Entry | undefined): Promise<ServedPrompt> {
    const res = await this.request(path, { headers: this.headers(cached?.etag ? { 'if-none-match': cached.etag } : {}) });
    if (res.status === 304 && cached) {
      cached.fetchedAt = Date.now();
      return cached.value;
    }
    const body = (await res.json()) as ServedPrompt & { error?: { code: string; message: string } };
    if (!res.ok) throw new GalleyApiError(res.status, body.error?.code ?? 'error', body.error?.message ?? res.statusText);
    this.cache.set(path, {
      value: body,
      etag: res.headers.get('etag'),
      fetchedAt: Date.now(),
      immutable: /immutable/.test(res.headers.get('cache-control') ?? ''),
    });
    return body;
  }

  private revalidate(path: string): Promise<ServedPrompt> {
    let p = this.inflight.get(path);
    if (!p) {
      p = this.fetchPrompt(path, this.cache.get(path)).finally(() => this.inflight.delete(path));
      this.inflight.set(path, p);
    }
    return p;
  }

  /** What the key's environment serves (or release `version`). */
  async get(slug: string, options: { version?: number; fallback?: ServedPrompt } = {}): Promise<ServedPrompt> {
    const path = `/api/v1/prompts/${encodeURIComponent(slug)}${options.version ? `?version=${options.version}` : ''}`;
    const cached = this.cache.get(path);
    const age = cached ? Date.now() - cached.fetchedAt : Infinity;
    if (cached && (cached.immutable || age < this.opts.ttlMs)) return cached.value;
    if (cached && age < this.opts.ttlMs + this.opts.staleMs) {
      void this.revalidate(path).catch(() => {});
      return cached.value;
    }
    try {
      return await this.revalidate(path);
    } catch (e) {
      // Unreachable (or failing) API: any cached copy beats an outage, then the caller's fallback.
      if (e instanceof GalleyApiError && e.status < 500 && e.status !== 429) throw e;
      if (cached) return cached.value;
      if (options.fallback) return options.fallback;
      throw e;
    }
  }

  /** Renders on the server; when it is unreachable, renders a cached copy locally. */
  async render(
    slug: string,
    variables: Record<string, unknown>,
    options: { version?: number; fallback?: Rendered } = {},
  ): Promise<Rendered> {
    try {
      const res = await this.request(`/api/v1/prompts/${encodeURIComponent(slug)}/render`, {
        method: 'POST',
        headers: this.headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ variables, ...(options.version && { version: options.version }) }),
      });
      const body = (await res.json()) as Rendered & { error?: { code: string; message: string } };
      if (!res.ok) throw new GalleyApiError(res.status, body.error?.code ?? 'error', body.error?.message ?? res.statusText);
      return body;
    } catch (e) {
      if (e instanceof GalleyApiError && e.status < 500 && e.status !== 429) throw e;
      const path = `/api/v1/prompts/${encodeURIComponent(slug)}${options.version ? `?version=${options.version}` : ''}`;
      const cached = this.cache.get(path)?.value;
      const parsed = cached && parseContent(cached.content);
      if (cached && parsed?.ok) {
        const local = renderContent(parsed.content, variables);
        if (local.ok)
          return {
            messages: local.messages,
            text: local.text,
            version: cached.version,
            revision: cached.revision,
            contentHash: cached.contentHash,
          };
      }
      if (options.fallback) return options.fallback;
      throw e;
    }
  }
}
