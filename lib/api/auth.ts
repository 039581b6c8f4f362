import 'server-only';
import { findApiKeyByHash, touchApiKey } from '@/lib/data/api-keys';
import { hashApiKey } from '@/lib/domain/api-key-hash';
import { apiCache, loadFresh, rememberKey, type CachedKey } from './cache';
import { ApiError } from './http';

const TOUCH_EVERY_MS = 60_000;
const KEY_RE = /^glk_(dev|stg|prod)_[A-Za-z0-9]{20,80}$/;

function presentedKey(headers: Record<string, string | undefined>): string | null {
  const auth = headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return headers['x-galley-key']?.trim() ?? null;
}

/** The API key's workspace and environment; cached by hash, so a warm request reads no database. */
export async function authenticate(headers: Record<string, string | undefined>): Promise<CachedKey & { hash: string }> {
  const key = presentedKey(headers);
  if (!key) throw new ApiError('unauthenticated', 'Send an API key as "Authorization: Bearer glk_…"', { 'www-authenticate': 'Bearer' });
  if (!KEY_RE.test(key)) throw new ApiError('unauthenticated', 'The API key is malformed', { 'www-authenticate': 'Bearer' });
  const hash = hashApiKey(key);
  const cache = apiCache().keys;
  let info = cache.get(hash);
  if (info === undefined) {
    info = await loadFresh(
      async (): Promise<CachedKey | null> => {
        const row = await findApiKeyByHash(hash);
        return row && { keyId: row.id, workspaceId: row.workspaceId, environment: row.environment, revoked: row.revoked, lastTouch: 0 };
      },
      (loaded) => rememberKey(hash, loaded),
    );
  }
  if (!info) throw new ApiError('unauthenticated', 'Unknown API key', { 'www-authenticate': 'Bearer' });
  if (info.revoked) throw new ApiError('unauthenticated', 'This API key has been revoked', { 'www-authenticate': 'Bearer' });
  const now = Date.now();
  if (now - info.lastTouch > TOUCH_EVERY_MS) {
    info.lastTouch = now;
    // Last-used is informative; never make a request wait for it or fail because of it.
    void touchApiKey(info.keyId, new Date(now)).catch(() => {});
  }
  return { ...info, hash };
}
