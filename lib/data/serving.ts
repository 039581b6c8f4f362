import 'server-only';
import { parseContent } from '@/lib/domain/content';
import { expandContent, summarizeIncludes, type IncludeSummary } from '@/lib/domain/includes';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';

// What the read API serves. The actor is an API key, already authenticated: its
// workspace bounds every query (prompts are loaded by (workspaceId, slug)).
export type EnvironmentName = 'development' | 'staging' | 'production';

export interface ApiKeyContext {
  keyId: string;
  workspaceId: string;
  environment: EnvironmentName;
}

export interface ServedSnapshot {
  slug: string;
  name: string;
  kind: 'release' | 'revision';
  version: number | null;
  revision: number;
  contentHash: string;
  /** The content with every include expanded into the blocks it stands for. */
  content: unknown;
  /** The includes the content was resolved with (empty when it has none). */
  includes: IncludeSummary[];
  /** When the release was published or the revision saved (the Langfuse endpoint's createdAt). */
  createdAt?: Date;
  /** The release note (the Langfuse endpoint's commitMessage). */
  note?: string;
  tags?: string[];
  /** The prompt's description (what an MCP client shows beside the prompt). */
  description?: string;
}

export interface ServedPrompt {
  current: ServedSnapshot | null;
  /** Production only: a second release taking `percent` of traffic. */
  canary: { snapshot: ServedSnapshot; percent: number } | null;
}

const releaseSelect = {
  version: true,
  contentHash: true,
  content: true,
  note: true,
  publishedAt: true,
  revision: { select: { number: true } },
} as const;
const revisionSelect = { number: true, contentHash: true, content: true, createdAt: true } as const;
const promptSelect = { slug: true, name: true, tags: true, description: true } as const;

type ReleaseRow = { version: number; contentHash: string; content: unknown; note: string; publishedAt: Date; revision: { number: number } };
type RevisionRow = { number: number; contentHash: string; content: unknown; createdAt: Date };
type PromptRow = { slug: string; name: string; tags?: string[]; description?: string };

/**
 * What applications receive: includes expanded. This runs when a response is built for the
 * cache (or for a version read), never per warm request, and the stored content, whose hash
 * is the ETag, already holds the frozen text, so expanding it cannot change what is served.
 */
function served(stored: unknown): { content: unknown; includes: IncludeSummary[] } {
  const parsed = parseContent(stored);
  if (!parsed.ok) return { content: stored, includes: [] };
  const expanded = expandContent(parsed.content);
  return { content: expanded.ok ? expanded.content : parsed.content, includes: summarizeIncludes(parsed.content) };
}

const fromRelease = (p: PromptRow, r: ReleaseRow): ServedSnapshot => ({
  slug: p.slug,
  name: p.name,
  kind: 'release',
  version: r.version,
  revision: r.revision.number,
  contentHash: r.contentHash,
  ...served(r.content),
  createdAt: r.publishedAt,
  note: r.note,
  tags: p.tags,
  description: p.description,
});
const fromRevision = (p: PromptRow, r: RevisionRow): ServedSnapshot => ({
  slug: p.slug,
  name: p.name,
  kind: 'revision',
  version: null,
  revision: r.number,
  contentHash: r.contentHash,
  ...served(r.content),
  createdAt: r.createdAt,
  tags: p.tags,
  description: p.description,
});

// Everything that decides what an environment serves, for one prompt or a page of them.
const servedSelect = {
  id: true,
  slug: true,
  name: true,
  tags: true,
  description: true,
  headRevision: { select: revisionSelect },
  deployments: {
    where: { environment: { name: { in: ['staging', 'production'] } } },
    select: {
      environment: { select: { name: true } },
      canaryPercent: true,
      release: { select: releaseSelect },
      revision: { select: revisionSelect },
      canaryRelease: { select: releaseSelect },
    },
  },
  // Production before any deployment row exists serves the newest release.
  releases: { orderBy: { version: 'desc' }, take: 1, select: releaseSelect },
} satisfies Prisma.PromptSelect;

type ServedRow = PromptRow & {
  headRevision: RevisionRow | null;
  deployments: {
    environment: { name: string };
    canaryPercent: number;
    release: ReleaseRow | null;
    revision: RevisionRow | null;
    canaryRelease: ReleaseRow | null;
  }[];
  releases: ReleaseRow[];
};

/** What the key's environment serves, given the prompt's row (no further query). */
function servedFrom(key: ApiKeyContext, prompt: ServedRow): ServedPrompt {
  if (key.environment === 'development') {
    return { current: prompt.headRevision ? fromRevision(prompt, prompt.headRevision) : null, canary: null };
  }
  const production = prompt.deployments.find((d) => d.environment.name === 'production');
  const live = production?.release ?? prompt.releases[0] ?? null;
  if (key.environment === 'staging') {
    const staged = prompt.deployments.find((d) => d.environment.name === 'staging')?.revision;
    // Nothing staged: staging falls back to what production serves, never to the moving draft.
    return { current: staged ? fromRevision(prompt, staged) : live ? fromRelease(prompt, live) : null, canary: null };
  }
  const canary =
    production?.canaryRelease && production.canaryPercent > 0
      ? { snapshot: fromRelease(prompt, production.canaryRelease), percent: production.canaryPercent }
      : null;
  return { current: live ? fromRelease(prompt, live) : null, canary };
}

/**
 * The prompts an environment has something to serve for, as a query filter: development the
 * ones with a draft, staging the published or staged ones, production the published ones.
 */
function servableWhere(key: ApiKeyContext): Prisma.PromptWhereInput {
  if (key.environment === 'development') return { headRevisionId: { not: null } };
  const published = { releaseCount: { gt: 0 } };
  if (key.environment === 'production') return published;
  return { OR: [published, { deployments: { some: { environment: { name: 'staging' }, revisionId: { not: null } } } }] };
}

/** What the key's environment serves for the prompt right now; null when the prompt is unknown. */
export async function loadServedPrompt(key: ApiKeyContext, slug: string): Promise<ServedPrompt | null> {
  const prisma = await db();
  const prompt = await prisma.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId: key.workspaceId, slug } },
    select: servedSelect,
  });
  return prompt && servedFrom(key, prompt);
}

export async function loadRelease(key: ApiKeyContext, slug: string, version: number): Promise<ServedSnapshot | null> {
  const prisma = await db();
  const release = await prisma.release.findFirst({
    where: { version, prompt: { workspaceId: key.workspaceId, slug } },
    select: { ...releaseSelect, prompt: { select: promptSelect } },
  });
  return release && fromRelease(release.prompt, release);
}

export async function loadRevision(key: ApiKeyContext, slug: string, number: number): Promise<ServedSnapshot | null> {
  const prisma = await db();
  const revision = await prisma.revision.findFirst({
    where: { number, prompt: { workspaceId: key.workspaceId, slug } },
    select: { ...revisionSelect, prompt: { select: promptSelect } },
  });
  return revision && fromRevision(revision.prompt, revision);
}

/** The prompts this key can read, each with the snapshot its environment serves, keyset-paged by slug. */
export async function listServedSnapshots(
  key: ApiKeyContext,
  opts: { after?: string; limit: number },
): Promise<{ snapshots: ServedSnapshot[]; nextCursor: string | null }> {
  const prisma = await db();
  // Filtered in the query, so a page is never empty while a later one has items, and loaded
  // in one query whatever the page size.
  const rows = await prisma.prompt.findMany({
    where: { workspaceId: key.workspaceId, ...servableWhere(key), ...(opts.after && { slug: { gt: opts.after } }) },
    orderBy: { slug: 'asc' },
    take: opts.limit + 1,
    select: servedSelect,
  });
  const page = rows.slice(0, opts.limit);
  const snapshots = page.flatMap((row) => servedFrom(key, row).current ?? []);
  return { snapshots, nextCursor: rows.length > opts.limit ? page.at(-1)!.slug : null };
}

/** The prompts this key can read, with what its environment serves, keyset-paged by slug. */
export async function listServedPrompts(key: ApiKeyContext, opts: { after?: string; limit: number }) {
  const { snapshots, nextCursor } = await listServedSnapshots(key, opts);
  const items = snapshots.map((c) => ({
    slug: c.slug,
    name: c.name,
    version: c.version,
    revision: key.environment === 'production' ? null : c.revision,
    contentHash: c.contentHash,
  }));
  return { items, nextCursor };
}

/** The newest release of a prompt, whatever production serves (the Langfuse `latest` label). */
export async function loadLatestRelease(key: ApiKeyContext, slug: string): Promise<ServedSnapshot | null> {
  const prisma = await db();
  const release = await prisma.release.findFirst({
    where: { prompt: { workspaceId: key.workspaceId, slug } },
    orderBy: { version: 'desc' },
    select: { ...releaseSelect, prompt: { select: promptSelect } },
  });
  return release && fromRelease(release.prompt, release);
}

/** Whether the workspace has a prompt with this slug at all (to tell 404 reasons apart). */
export async function promptExists(key: ApiKeyContext, slug: string): Promise<boolean> {
  const prisma = await db();
  return (await prisma.prompt.count({ where: { workspaceId: key.workspaceId, slug } })) > 0;
}

/**
 * One page of prompts for the Langfuse list endpoint, offset-paged by slug. A key that is not
 * a development key only sees published prompts (as in listServedPrompts).
 */
export async function listPromptsPage(
  key: ApiKeyContext,
  opts: { name?: string; tag?: string; published: boolean; page: number; limit: number },
) {
  const prisma = await db();
  const where = {
    workspaceId: key.workspaceId,
    ...(opts.name !== undefined && { slug: opts.name }),
    ...(opts.tag !== undefined && { tags: { has: opts.tag } }),
    ...(opts.published ? { releaseCount: { gt: 0 } } : { headRevisionId: { not: null } }),
  };
  const [totalItems, rows] = await Promise.all([
    prisma.prompt.count({ where }),
    prisma.prompt.findMany({
      where,
      orderBy: { slug: 'asc' },
      skip: (opts.page - 1) * opts.limit,
      take: opts.limit,
      select: {
        slug: true,
        tags: true,
        updatedAt: true,
        releases: { select: { version: true, content: true }, orderBy: { version: 'asc' } },
      },
    }),
  ]);
  return { totalItems, rows };
}
