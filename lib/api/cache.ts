// The read API's in-process cache: serialized responses by (workspace, environment, slug,
// selector) and API-key lookups by hash. Process-wide on globalThis (the custom server and
// Next's bundle hold separate module copies); the invalidation bus keeps it coherent.
import { createHash } from 'node:crypto';
import { onInvalidation } from '@/lib/data/invalidation';
import type { ApiResponse } from './http';
import { singleton } from '@/lib/singleton';

export interface CachedBody {
  body: Buffer;
  etag: string;
  cacheControl: string;
  headers?: Record<string, string>;
  /** The body compressed once when cached (lib/api/send.ts), when it is large enough. */
  br?: Buffer;
  gzip?: Buffer;
  /** Its responses by encoding and status, built on first use (lib/api/send.ts). */
  sent?: Record<string, ApiResponse>;
}

/** A served prompt: the live entry plus an optional canary, chosen per caller. */
export interface CachedPrompt {
  current: CachedBody | null;
  canary: { body: CachedBody; percent: number } | null;
}

export interface CachedKey {
  keyId: string;
  /** The hash it is cached by, so a warm request hands the entry on as it is. */
  hash: string;
  workspaceId: string;
  environment: 'development' | 'staging' | 'production';
  revoked: boolean;
  lastTouch: number;
}

interface ApiCache {
  /**
   * Bumped by every invalidation. A loader reads it before going to the database and only
   * stores its result if it is unchanged (see loadFresh).
   */
  generation: number;
  prompts: Map<string, CachedPrompt>;
  immutable: Map<string, CachedBody>;
  lists: Map<string, CachedBody>;
  keys: Map<string, CachedKey | null>;
}

const MAX_KEYS = 10_000;
const MAX_IMMUTABLE = 50_000;
export function apiCache(): ApiCache {
  return singleton('ApiCache', () => {
    const cache: ApiCache = { generation: 0, prompts: new Map(), immutable: new Map(), lists: new Map(), keys: new Map() };
    onInvalidation((event) => {
      cache.generation++;
      if (event.type === 'key') {
        cache.keys.delete(event.hash);
        return;
      }
      const prefix = `${event.workspaceId}|`;
      for (const map of [cache.prompts, cache.lists]) {
        for (const k of map.keys()) {
          if (!k.startsWith(prefix)) continue;
          if (event.type === 'workspace' || map === cache.lists || k.endsWith(`|${event.slug}`)) map.delete(k);
        }
      }
    });
    return cache;
  });
}

export const promptKey = (workspaceId: string, env: string, slug: string) => `${workspaceId}|${env}|${slug}`;

/**
 * Loads a value and stores it only if no invalidation happened while it loaded: a read that
 * raced a publish or a revocation answers with what it saw, but never caches it.
 */
export async function loadFresh<T>(load: () => Promise<T>, store: (value: T) => void): Promise<T> {
  const generation = apiCache().generation;
  const value = await load();
  if (apiCache().generation === generation) store(value);
  return value;
}

export function rememberKey(hash: string, value: CachedKey | null): void {
  const { keys } = apiCache();
  if (keys.size >= MAX_KEYS) keys.clear(); // a flood of unknown keys must not grow memory without bound
  keys.set(hash, value);
}

export function rememberImmutable(key: string, value: CachedBody): void {
  const { immutable } = apiCache();
  if (immutable.size >= MAX_IMMUTABLE) immutable.clear();
  immutable.set(key, value);
}

/** Sticky canary choice: the same caller key always lands in the same bucket. */
export function inCanary(callerKey: string, slug: string, percent: number): boolean {
  const h = createHash('sha256').update(`${callerKey}\0${slug}`).digest();
  return h.readUInt32BE(0) % 100 < percent;
}
