import { createHash } from 'node:crypto';

// Kept apart from api-key.ts so browser bundles can use the key helpers without node:crypto.

/** Lowercase hex sha256 of the full key: the only form of a key the database stores. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
