// What a key is served for a prompt, as /api/v1 serves it (lib/api/handler.ts): without a
// version, what the key's environment serves (production: the live release or, sticky per
// key, its canary; staging: the staged revision, else the live release; development: the
// draft head); with a version, that release. A production key therefore never gets a draft.
// Only releases are addressable: the MCP tools take no revision number.
import 'server-only';
import type { AuthenticatedKey } from '@/lib/api/auth';
import { inCanary } from '@/lib/api/cache';
import { loadRelease, loadServedPrompt, type ServedSnapshot } from '@/lib/data/serving';
import { parseContent, type Content } from '@/lib/domain/content';
import { SLUG_RE } from '@/lib/domain/slug';
import { AppError } from '@/lib/errors';

export interface Served {
  snapshot: ServedSnapshot;
  content: Content;
}

export async function loadServed(key: AuthenticatedKey, slug: string, version?: number): Promise<Served> {
  if (!SLUG_RE.test(slug)) throw new AppError('bad_request', `"${slug}" is not a prompt slug (lowercase letters, digits and dashes)`);
  const snapshot = version === undefined ? await current(key, slug) : await loadRelease(key, slug, version);
  if (!snapshot) throw new AppError('not_found', `Prompt "${slug}" has no release v${version}`);
  return { snapshot, content: contentOf(snapshot) };
}

async function current(key: AuthenticatedKey, slug: string): Promise<ServedSnapshot> {
  const served = await loadServedPrompt(key, slug);
  if (!served) throw new AppError('not_found', `No prompt "${slug}" in this workspace`);
  if (!served.current) {
    throw new AppError(
      'not_found',
      key.environment === 'development' ? `Prompt "${slug}" has no draft` : `Prompt "${slug}" has no release yet; publish it first`,
    );
  }
  // The same sticky choice /api/v1 makes for a caller that sends no X-Galley-Canary-Key.
  if (served.canary && inCanary(key.hash, slug, served.canary.percent)) return served.canary.snapshot;
  return served.current;
}

export function contentOf(snapshot: ServedSnapshot): Content {
  const parsed = parseContent(snapshot.content);
  if (!parsed.ok) throw new AppError('conflict', 'The served content is not valid; publish a valid revision');
  return parsed.content;
}
