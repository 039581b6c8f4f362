import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import type { Content } from './content';

// Kept apart from canonical.ts so browser bundles can canonicalize without
// pulling in node:crypto.

/** Lowercase hex sha256 of the canonical JSON form; doubles as the read API's ETag. */
export function contentHash(content: Content): string {
  return hashCanonical(canonicalJson(content));
}

/** contentHash of content already in canonical form, for a caller that needs that text too. */
export function hashCanonical(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
