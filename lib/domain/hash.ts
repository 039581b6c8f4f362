import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { Content } from './content';

// Kept apart from canonical.ts so browser bundles can canonicalize without
// pulling in node:crypto.

/** Lowercase hex sha256 of the canonical JSON form; doubles as the read API's ETag. */
export function contentHash(content: Content): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
