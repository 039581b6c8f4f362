import 'server-only';
import { cache } from 'react';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { emptyContent, type Content } from '@/lib/domain/content';
import { decodeCursor, encodeCursor } from '@/lib/domain/cursor';
import { contentHash } from '@/lib/domain/hash';
import { canonicalJson, byteLength } from '@/lib/domain/canonical';
import { AppError } from '@/lib/errors';
import type { CreatePromptInput } from '@/lib/schemas/prompt';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit } from './audit';
import { emitEvent } from './outbox';
import { db } from './db';
import { resolveContentIncludes } from './includes';
import { isUniqueViolation } from './prisma-errors';

export type PublishState = 'draft' | 'published' | 'changed';

export interface PromptListItem {
  id: string;
  slug: string;
  name: string;
  description: string;
  tags: string[];
  updatedAt: Date;
  headRevision: number | null;
  productionVersion: number | null;
  state: PublishState;
}

const PAGE_SIZE = 50;

export function publishState(headHash: string | null, servedHash: string | null): PublishState {
  if (!servedHash) return 'draft';
  return headHash === servedHash ? 'published' : 'changed';
}

const listSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  tags: true,
  updatedAt: true,
  headRevision: { select: { number: true, contentHash: true } },
  releases: { orderBy: { version: 'desc' }, take: 1, select: { version: true, contentHash: true } },
  deployments: {
    where: { environment: { name: 'production' } },
    select: { release: { select: { version: true, contentHash: true } } },
  },
} satisfies Prisma.PromptSelect;

export async function listPrompts(ctx: WorkspaceContext, opts: { q?: string; cursor?: string } = {}) {
  const prisma = await db();
  const q = opts.q?.trim();
  const after = decodeCursor(opts.cursor);
  const where: Prisma.PromptWhereInput = {
    workspaceId: ctx.workspaceId,
    ...(q && {
      OR: [{ name: { contains: q, mode: 'insensitive' } }, { slug: { contains: q.toLowerCase() } }, { tags: { has: q.toLowerCase() } }],
    }),
    ...(after && {
      AND: [{ OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, id: { lt: after.id } }] }],
    }),
  };
  const rows = await prisma.prompt.findMany({
    where,
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: PAGE_SIZE + 1,
    select: listSelect,
  });
  const page = rows.slice(0, PAGE_SIZE);
  const items: PromptListItem[] = page.map((p) => {
    // Production serves its pinned release, or the newest when nothing is pinned.
    const served = p.deployments[0]?.release ?? p.releases[0] ?? null;
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      description: p.description,
      tags: p.tags,
      updatedAt: p.updatedAt,
      headRevision: p.headRevision?.number ?? null,
      productionVersion: served?.version ?? null,
      state: publishState(p.headRevision?.contentHash ?? null, served?.contentHash ?? null),
    };
  });
  const last = page.at(-1);
  return { items, nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor(last.updatedAt, last.id) : null };
}

export async function createPrompt(ctx: WorkspaceContext, input: Omit<CreatePromptInput, 'workspace'>, initial: Content = emptyContent()) {
  assertCan(ctx, 'prompt.create');
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const prompt = await tx.prompt.create({
        data: {
          workspaceId: ctx.workspaceId,
          slug: input.slug,
          name: input.name,
          description: input.description,
          tags: input.tags,
          createdById: ctx.userId,
          revisionCount: 1,
        },
        select: { id: true, slug: true },
      });
      // Initial content (the write API, seeds) may include other prompts: resolved as a save would.
      const content = await resolveContentIncludes(tx, ctx, prompt, initial);
      const hash = contentHash(content);
      const revision = await tx.revision.create({
        data: {
          promptId: prompt.id,
          number: 1,
          content: content as Prisma.InputJsonValue,
          contentHash: hash,
          sizeBytes: byteLength(canonicalJson(content)),
          createdById: ctx.userId,
        },
        select: { id: true },
      });
      await tx.prompt.update({ where: { id: prompt.id }, data: { headRevisionId: revision.id } });
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'prompt.create',
        targetType: 'prompt',
        targetId: prompt.id,
        data: { slug: input.slug },
      });
      await emitEvent(tx, {
        workspaceId: ctx.workspaceId,
        type: 'prompt.created',
        actorId: ctx.userId,
        data: { prompt: { id: prompt.id, slug: prompt.slug, name: input.name }, link: `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}` },
      });
      return prompt;
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError('invalid', `A prompt with the slug "${input.slug}" already exists in this workspace`, {
        fieldErrors: { slug: [`"${input.slug}" is already used by another prompt in this workspace`] },
      });
    }
    throw e;
  }
}

/** A prompt by slug, loaded through its workspace. */
export function getPrompt(ctx: WorkspaceContext, slug: string) {
  return getPromptOnce(ctx.workspaceId, slug);
}

// The layout, the page and the publish bar all ask for the same prompt in one request:
// cache() dedupes by (workspace, slug) for the lifetime of that request.
const getPromptOnce = cache(async (workspaceId: string, slug: string) => {
  const prisma = await db();
  const prompt = await prisma.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId, slug } },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      tags: true,
      createdAt: true,
      updatedAt: true,
      revisionCount: true,
      releaseCount: true,
      headRevision: {
        // No content: of the prompt's pages only the editor shows it (getRevisionContent).
        select: { id: true, number: true, contentHash: true, createdAt: true, createdById: true },
      },
    },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt;
});

/** The content of one revision, loaded through its prompt and workspace (the editor's head). */
export async function getRevisionContent(ctx: WorkspaceContext, promptId: string, revisionId: string): Promise<unknown> {
  const prisma = await db();
  const row = await prisma.revision.findFirst({
    where: { id: revisionId, promptId, prompt: { workspaceId: ctx.workspaceId } },
    select: { content: true },
  });
  if (!row) throw new AppError('not_found', 'Revision not found');
  return row.content;
}

export interface DraftHead {
  id: string;
  number: number;
  savedAt: string;
  content: unknown;
  savedBy: string | null;
}

/** The draft head of a prompt (by id, through its workspace). */
export async function getDraftHead(ctx: WorkspaceContext, promptId: string): Promise<DraftHead> {
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { headRevision: { select: { id: true, number: true, createdAt: true, content: true, createdById: true } } },
  });
  const head = prompt?.headRevision;
  if (!head) throw new AppError('not_found', 'Prompt not found');
  const author = await prisma.user.findUnique({ where: { id: head.createdById }, select: { name: true, email: true } });
  return {
    id: head.id,
    number: head.number,
    savedAt: head.createdAt.toISOString(),
    content: head.content,
    savedBy: author?.name ?? author?.email ?? null,
  };
}
