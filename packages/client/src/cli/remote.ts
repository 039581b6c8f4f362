// Reading the workspace through the write API: every prompt (all pages), one prompt in full,
// the revisions saved after a given one, and who the token is.
import { ApiError, type Api } from './api.js';
import type { PromptFile } from '../prompt-file/index.js';
import type { z } from 'zod';
import {
  promptDetailSchema,
  promptPageSchema,
  revisionPageSchema,
  workspaceInfoSchema,
  type PromptDetail,
  type PromptSummary,
} from './schemas.js';

export const whoami = (api: Api) => api('GET', '', workspaceInfoSchema);

export async function listPrompts(api: Api): Promise<PromptSummary[]> {
  const all: PromptSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api('GET', `/prompts${query}`, promptPageSchema);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The prompt with its draft head and production release, or null when there is none. */
export async function getPrompt(api: Api, slug: string): Promise<PromptDetail | null> {
  try {
    return await api('GET', `/prompts/${encodeURIComponent(slug)}`, promptDetailSchema);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

type RevisionPage = z.output<typeof revisionPageSchema>;

export interface RevisionAuthor {
  number: number;
  authorId?: string;
  authorName: string | null;
  createdAt: string;
}

/** Revisions newer than `after`, newest first. */
export async function revisionsAfter(api: Api, slug: string, after: number): Promise<RevisionAuthor[]> {
  const found: RevisionAuthor[] = [];
  let cursor: number | null = null;
  do {
    const query: string = cursor ? `?cursor=${cursor}` : '';
    const page: RevisionPage = await api('GET', `/prompts/${encodeURIComponent(slug)}/revisions${query}`, revisionPageSchema);
    for (const item of page.items) if (item.number > after) found.push(item);
    const oldest: RevisionAuthor | undefined = page.items[page.items.length - 1];
    cursor = oldest && oldest.number > after ? page.nextCursor : null;
  } while (cursor);
  return found;
}

/** A revision this token saved itself: by author id; an older server without ids, by the name it gives a token's revisions. */
export function isOwnRevision(r: { authorId?: string; authorName: string | null }, me: { name: string; authorId?: string }): boolean {
  if (me.authorId !== undefined && r.authorId !== undefined) return r.authorId === me.authorId;
  return r.authorName === me.name || r.authorName === `${me.name} (service token)`;
}

/** The server's prompt as the file writes it. */
export const fileFromDetail = (detail: PromptDetail): PromptFile => ({
  name: detail.prompt.name,
  description: detail.prompt.description,
  tags: detail.prompt.tags,
  content: detail.head.content,
});

export const describeRevision = (r: RevisionAuthor) =>
  `r${r.number} by ${r.authorName ?? 'someone'} (${r.createdAt.replace('T', ' ').slice(0, 16)} UTC)`;
