import 'server-only';
import { cache } from 'react';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent, type Content } from '@/lib/domain/content';
import { availableUpdates, pinLabel } from '@/lib/domain/includes';
import { AppError } from '@/lib/errors';
import { db } from './db';
import { resolveInclude } from './includes';
import { servedReleaseNow } from './request-reads';
import { saveDraft, type SaveDraftResult } from './revisions';

export interface Dependent {
  promptId: string;
  slug: string;
  name: string;
  /** The draft's include of this prompt: its pin and the release it is resolved to now. */
  draft: { pin: string; version: number } | null;
  /** Each release of the dependent that froze this prompt, newest first. */
  releases: { version: number; includedVersion: number }[];
}

/** The prompts that include `promptId` (in their draft or in a release), for "Used by". */
export async function listDependents(ctx: WorkspaceContext, promptId: string): Promise<Dependent[]> {
  assertCan(ctx, 'prompt.read');
  return listDependentsOnce(ctx.workspaceId, promptId);
}

// The editor page and its Publish bar both ask: read once per request (cache() dedupes within
// one React render; elsewhere it is a plain call).
const listDependentsOnce = cache(async (workspaceId: string, promptId: string): Promise<Dependent[]> => {
  const ctx = { workspaceId };
  const prisma = await db();
  const edges = await prisma.releaseInclude.findMany({
    where: { direct: true, included: { promptId, prompt: { workspaceId: ctx.workspaceId } } },
    select: {
      release: { select: { version: true, prompt: { select: { id: true, slug: true, name: true } } } },
      included: { select: { version: true } },
    },
    orderBy: { createdAt: 'desc' },
  });
  // The heads whose content names this prompt as a resolved include (one indexed scan of the
  // workspace's heads; jsonb_path_exists runs the same on PGlite and PostgreSQL). An include
  // resolves only to a release, so a prompt never published has none and the scan is skipped
  // (the uncorrelated EXISTS is evaluated once, before any head is read).
  const heads = await prisma.$queryRaw<{ id: string; slug: string; name: string; content: unknown }[]>`
    SELECT p.id, p.slug, p.name, r.content FROM "Prompt" p JOIN "Revision" r ON r.id = p."headRevisionId"
    WHERE p."workspaceId" = ${ctx.workspaceId}
      AND EXISTS (SELECT 1 FROM "Release" x WHERE x."promptId" = ${promptId})
      AND jsonb_path_exists(r.content, '$.blocks[*].include.resolved ? (@.promptId == $id)', jsonb_build_object('id', ${promptId}::text))`;
  const byPrompt = new Map<string, Dependent>();
  const entry = (p: { id: string; slug: string; name: string }) => {
    const found = byPrompt.get(p.id) ?? { promptId: p.id, slug: p.slug, name: p.name, draft: null, releases: [] };
    byPrompt.set(p.id, found);
    return found;
  };
  for (const head of heads) {
    const parsed = parseContent(head.content);
    const include = parsed.ok ? parsed.content.blocks.find((b) => b.include?.resolved?.promptId === promptId)?.include : undefined;
    if (include?.resolved) entry(head).draft = { pin: pinLabel(include.pin), version: include.resolved.version };
  }
  for (const edge of edges) {
    entry(edge.release.prompt).releases.push({ version: edge.release.version, includedVersion: edge.included.version });
  }
  for (const d of byPrompt.values()) d.releases.sort((a, b) => b.version - a.version);
  return [...byPrompt.values()].sort((a, b) => a.slug.localeCompare(b.slug));
});

export interface IncludeUpdate {
  blockId: string;
  slug: string;
  has: number;
  available: number;
  /** The included prompt's content at each version, for the diff. */
  before: Content;
  after: Content;
}

/**
 * Includes of the draft pinned to production whose prompt has published a newer release since.
 * `head`: the draft head's content when the caller has already read and parsed it (the editor
 * page), so 240 KB are not read and parsed twice.
 */
export async function listIncludeUpdates(ctx: WorkspaceContext, promptId: string, head?: Content): Promise<IncludeUpdate[]> {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const content = head ?? (await readHeadContent(prisma, ctx, promptId));
  if (!content) return [];
  const targets = new Set(
    content.blocks.flatMap((b) => (b.include?.pin === 'production' && b.include.resolved ? [b.include.resolved.promptId] : [])),
  );
  const production = new Map<string, number>();
  const releaseIds = new Map<string, string>();
  for (const id of targets) {
    const served = await servedReleaseNow(id, ctx.workspaceId);
    if (served) {
      production.set(id, served.version);
      releaseIds.set(id, served.id);
    }
  }
  const updates = availableUpdates(content, production);
  const out: IncludeUpdate[] = [];
  for (const update of updates) {
    const block = content.blocks.find((b) => b.id === update.blockId)!;
    const resolved = block.include!.resolved!;
    const [before, after] = await Promise.all(
      [resolved.releaseId, releaseIds.get(resolved.promptId)!].map((id) =>
        prisma.release.findFirst({ where: { id, prompt: { workspaceId: ctx.workspaceId } }, select: { content: true } }),
      ),
    );
    const a = parseContent(before?.content);
    const b = parseContent(after?.content);
    if (a.ok && b.ok) out.push({ ...update, before: a.content, after: b.content });
  }
  return out;
}

async function readHeadContent(prisma: Awaited<ReturnType<typeof db>>, ctx: WorkspaceContext, promptId: string): Promise<Content | null> {
  const prompt = await prisma.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { headRevision: { select: { content: true } } },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  const parsed = parseContent(prompt.headRevision?.content);
  return parsed.ok ? parsed.content : null;
}

/**
 * Update: appends a revision whose includes pinned to production take the production release
 * now. It is an ordinary save (conflict on a moved head, then review and publish as usual).
 */
export async function updateIncludes(ctx: WorkspaceContext, promptId: string, baseRevisionId: string): Promise<SaveDraftResult> {
  assertCan(ctx, 'draft.save');
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { headRevision: { select: { content: true } } },
  });
  const parsed = parseContent(prompt?.headRevision?.content);
  if (!prompt || !parsed.ok) throw new AppError('not_found', 'Prompt not found');
  return saveDraft(ctx, { promptId, baseRevisionId, content: parsed.content, refreshIncludes: true, message: 'Update includes' });
}

/** The release an include would stand for, for the editor's include card (read-only). */
export async function previewInclude(ctx: WorkspaceContext, promptId: string, spec: Parameters<typeof resolveInclude>[3]) {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  const host = await prisma.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { id: true, slug: true } });
  if (!host) throw new AppError('not_found', 'Prompt not found');
  // No host: the card shows what it would include; saving the draft refuses cycles.
  return resolveInclude(prisma, ctx, null, spec, { refresh: true });
}

/** The prompts of the workspace that have a release, for the include card's chooser. */
export async function listIncludablePrompts(ctx: WorkspaceContext, exceptPromptId: string) {
  assertCan(ctx, 'prompt.read');
  const prisma = await db();
  return prisma.prompt.findMany({
    where: { workspaceId: ctx.workspaceId, releaseCount: { gt: 0 }, id: { not: exceptPromptId } },
    select: { slug: true, name: true, releaseCount: true },
    orderBy: { slug: 'asc' },
    take: 500,
  });
}
