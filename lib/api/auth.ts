import 'server-only';
import { findApiKeyByHash, touchApiKey } from '@/lib/data/api-keys';
import { hashSecret } from '@/lib/domain/secret-hash';
import { apiCache, loadFresh, rememberKey, type CachedKey } from './cache';
import { AppError } from '@/lib/errors';

const TOUCH_EVERY_MS = 60_000;
const KEY_RE = /^glk_(dev|stg|prod)_[A-Za-z0-9]{20,80}$/;

function presentedKey(headers: Record<string, string | undefined>): string | null {
  const auth = headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return headers['x-galley-key']?.trim() ?? null;
}

// Hashing every request's key costs more than the rest of a warm request; remember it.
const hashes = new Map<string, string>();
function hashOf(key: string): string {
  let hash = hashes.get(key);
  if (!hash) {
    if (hashes.size >= 10_000) hashes.clear();
    hash = hashSecret(key);
    hashes.set(key, hash);
  }
  return hash;
}

export type AuthenticatedKey = CachedKey;

function accept(info: CachedKey | null): AuthenticatedKey {
  if (!info) throw new AppError('unauthenticated', 'Unknown API key', { headers: { 'www-authenticate': 'Bearer' } });
  if (info.revoked) throw new AppError('unauthenticated', 'This API key has been revoked', { headers: { 'www-authenticate': 'Bearer' } });
  const now = Date.now();
  if (now - info.lastTouch > TOUCH_EVERY_MS) {
    info.lastTouch = now;
    // Last-used is informative; never make a request wait for it or fail because of it.
    void touchApiKey(info.keyId, new Date(now)).catch(() => {});
  }
  return info;
}

/**
 * Synchronous part of authentication: the key from the cache, `{ miss }` when it has to be
 * loaded, or an ApiError for a missing, malformed, unknown or revoked key.
 */
export function cachedKey(headers: Record<string, string | undefined>): AuthenticatedKey | { miss: string } {
  const key = presentedKey(headers);
  if (!key)
    throw new AppError('unauthenticated', 'Send an API key as "Authorization: Bearer glk_…"', {
      headers: { 'www-authenticate': 'Bearer' },
    });
  if (!KEY_RE.test(key)) throw new AppError('unauthenticated', 'The API key is malformed', { headers: { 'www-authenticate': 'Bearer' } });
  const hash = hashOf(key);
  const info = apiCache().keys.get(hash);
  return info === undefined ? { miss: hash } : accept(info);
}

/** The API key's workspace and environment; cached by hash, so a warm request reads no database. */
export async function authenticate(headers: Record<string, string | undefined>): Promise<AuthenticatedKey> {
  const cached = cachedKey(headers);
  if (!('miss' in cached)) return cached;
  const hash = cached.miss;
  const info = await loadFresh(
    async (): Promise<CachedKey | null> => {
      const row = await findApiKeyByHash(hash);
      return row && { keyId: row.id, hash, workspaceId: row.workspaceId, environment: row.environment, revoked: row.revoked, lastTouch: 0 };
    },
    (loaded) => rememberKey(hash, loaded),
  );
  return accept(info);
}
