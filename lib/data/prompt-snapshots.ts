import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';
import { userNames } from './user-names';

// What the write API (and so the CLI) sees of a workspace's prompts: each prompt's details, its
// draft head and what production and staging serve, for one member acting through a context.

export interface HeadSummary {
  number: number;
  contentHash: string;
  /** The author's user id: a service token's own revisions carry its service user's id. */
  authorId: string;
  authorName: string;
  createdAt: Date;
}

export interface ProductionSummary {
  version: number;
  revisionNumber: number;
  contentHash: string;
}

export interface PromptSummary {
  slug: string;
  name: string;
  description: string;
  tags: string[];
  head: HeadSummary | null;
  production: ProductionSummary | null;
}

export interface PromptSnapshot {
  id: string;
  prompt: { slug: string; name: string; description: string; tags: string[] };
  head: (HeadSummary & { content: unknown }) | null;
  production: (ProductionSummary & { content: unknown }) | null;
  staging: { revisionNumber: number; contentHash: string; content: unknown } | null;
}

export const SNAPSHOT_PAGE_MAX = 200;

function releaseSelect<C extends boolean>(content: C) {
  return { version: true, contentHash: true, content, revision: { select: { number: true } } } as const;
}

function snapshotSelect<C extends boolean>(content: C) {
  return {
    id: true,
    slug: true,
    name: true,
    description: true,
    tags: true,
    headRevision: { select: { number: true, contentHash: true, createdAt: true, createdById: true, content } },
    // Production serves its pinned release, or the newest when nothing is pinned.
    releases: { orderBy: { version: 'desc' }, take: 1, select: releaseSelect(content) },
    deployments: {
      where: { environment: { name: { in: ['production', 'staging'] } } },
      select: {
        environment: { select: { name: true } },
        release: { select: releaseSelect(content) },
        revision: { select: { number: true, contentHash: true, content } },
      },
    },
  } satisfies Prisma.PromptSelect;
}

type Row = Prisma.PromptGetPayload<{ select: ReturnType<typeof snapshotSelect<true>> }>;

const authorNames = (ids: string[]) => userNames(ids);

function shape(row: Row, names: Map<string, string>) {
  const head = row.headRevision;
  const pinned = row.deployments.find((d) => d.environment.name === 'production')?.release;
  const served = pinned ?? row.releases[0] ?? null;
  const staged = row.deployments.find((d) => d.environment.name === 'staging')?.revision ?? null;
  return {
    id: row.id,
    prompt: { slug: row.slug, name: row.name, description: row.description, tags: row.tags },
    head: head && {
      number: head.number,
      contentHash: head.contentHash,
      authorId: head.createdById,
      authorName: names.get(head.createdById) ?? 'former member',
      createdAt: head.createdAt,
      content: head.content,
    },
    production: served && {
      version: served.version,
      revisionNumber: served.revision.number,
      contentHash: served.contentHash,
      content: served.content,
    },
    staging: staged && { revisionNumber: staged.number, contentHash: staged.contentHash, content: staged.content },
  };
}

/** A page of the workspace's prompts by slug (`after`: the last slug of the previous page). No content. */
export async function listPromptSummaries(
  ctx: WorkspaceContext,
  opts: { after?: string; limit: number },
): Promise<{ items: PromptSummary[]; nextCursor: string | null }> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const limit = Math.min(Math.max(Math.trunc(opts.limit), 1), SNAPSHOT_PAGE_MAX);
  const rows = (await prisma.prompt.findMany({
    where: { workspaceId: ctx.workspaceId, ...(opts.after && { slug: { gt: opts.after } }) },
    orderBy: { slug: 'asc' },
    take: limit + 1,
    select: snapshotSelect(false),
  })) as unknown as Row[];
  const page = rows.slice(0, limit);
  const names = await authorNames(page.flatMap((r) => (r.headRevision ? [r.headRevision.createdById] : [])));
  const items = page.map((row) => {
    const { prompt, head, production } = shape(row, names);
    return {
      ...prompt,
      head: head && {
        number: head.number,
        contentHash: head.contentHash,
        authorId: head.authorId,
        authorName: head.authorName,
        createdAt: head.createdAt,
      },
      production: production && {
        version: production.version,
        revisionNumber: production.revisionNumber,
        contentHash: production.contentHash,
      },
    };
  });
  return { items, nextCursor: rows.length > limit ? page.at(-1)!.slug : null };
}

/** One prompt by slug (through the workspace) with the content of its head, production and staging. */
export async function getPromptSnapshot(ctx: WorkspaceContext, slug: string): Promise<PromptSnapshot> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const row = await prisma.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId: ctx.workspaceId, slug } },
    select: snapshotSelect(true),
  });
  if (!row) throw new AppError('not_found', `No prompt "${slug}" in this workspace`);
  return shape(row, await authorNames(row.headRevision ? [row.headRevision.createdById] : []));
}
