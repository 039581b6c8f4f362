import 'server-only';
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
  content: unknown;
}

export interface ServedPrompt {
  current: ServedSnapshot | null;
  /** Production only: a second release taking `percent` of traffic. */
  canary: { snapshot: ServedSnapshot; percent: number } | null;
}

const releaseSelect = { version: true, contentHash: true, content: true, revision: { select: { number: true } } } as const;
const revisionSelect = { number: true, contentHash: true, content: true } as const;

type ReleaseRow = { version: number; contentHash: string; content: unknown; revision: { number: number } };
type RevisionRow = { number: number; contentHash: string; content: unknown };

const fromRelease = (p: { slug: string; name: string }, r: ReleaseRow): ServedSnapshot => ({
  slug: p.slug,
  name: p.name,
  kind: 'release',
  version: r.version,
  revision: r.revision.number,
  contentHash: r.contentHash,
  content: r.content,
});
const fromRevision = (p: { slug: string; name: string }, r: RevisionRow): ServedSnapshot => ({
  slug: p.slug,
  name: p.name,
  kind: 'revision',
  version: null,
  revision: r.number,
  contentHash: r.contentHash,
  content: r.content,
});

async function findPrompt(key: ApiKeyContext, slug: string) {
  const prisma = await db();
  return prisma.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId: key.workspaceId, slug } },
    select: {
      id: true,
      slug: true,
      name: true,
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
    },
  });
}

/** What the key's environment serves for the prompt right now; null when the prompt is unknown. */
export async function loadServedPrompt(key: ApiKeyContext, slug: string): Promise<ServedPrompt | null> {
  const prompt = await findPrompt(key, slug);
  if (!prompt) return null;
  if (key.environment === 'development') {
    return { current: prompt.headRevision ? fromRevision(prompt, prompt.headRevision) : null, canary: null };
  }
  const prisma = await db();
  const production = prompt.deployments.find((d) => d.environment.name === 'production');
  const newest = production?.release
    ? null
    : await prisma.release.findFirst({ where: { promptId: prompt.id }, orderBy: { version: 'desc' }, select: releaseSelect });
  const live = production?.release ?? newest;
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

export async function loadRelease(key: ApiKeyContext, slug: string, version: number): Promise<ServedSnapshot | null> {
  const prisma = await db();
  const release = await prisma.release.findFirst({
    where: { version, prompt: { workspaceId: key.workspaceId, slug } },
    select: { ...releaseSelect, prompt: { select: { slug: true, name: true } } },
  });
  return release && fromRelease(release.prompt, release);
}

export async function loadRevision(key: ApiKeyContext, slug: string, number: number): Promise<ServedSnapshot | null> {
  const prisma = await db();
  const revision = await prisma.revision.findFirst({
    where: { number, prompt: { workspaceId: key.workspaceId, slug } },
    select: { ...revisionSelect, prompt: { select: { slug: true, name: true } } },
  });
  return revision && fromRevision(revision.prompt, revision);
}

/** The prompts this key can read, with what its environment serves, keyset-paged by slug. */
export async function listServedPrompts(key: ApiKeyContext, opts: { after?: string; limit: number }) {
  const prisma = await db();
  const rows = await prisma.prompt.findMany({
    where: { workspaceId: key.workspaceId, ...(opts.after && { slug: { gt: opts.after } }) },
    orderBy: { slug: 'asc' },
    take: opts.limit + 1,
    select: { slug: true },
  });
  const page = rows.slice(0, opts.limit);
  const items = [];
  for (const { slug } of page) {
    const served = await loadServedPrompt(key, slug);
    if (!served?.current) continue; // production/staging keys only see published prompts
    const c = served.current;
    items.push({
      slug: c.slug,
      name: c.name,
      version: c.version,
      revision: key.environment === 'production' ? null : c.revision,
      contentHash: c.contentHash,
    });
  }
  return { items, nextCursor: rows.length > opts.limit ? page.at(-1)!.slug : null };
}
