import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { byteLength, canonicalJson } from '@/lib/domain/canonical';
import { changeSize } from '@/lib/domain/change-size';
import type { Content } from '@/lib/domain/content';
import { hashCanonical } from '@/lib/domain/hash';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { countDraftSave } from '@/lib/metrics';
import type { Tx } from './audit';
import { db } from './db';
import { resolveContentIncludes } from './includes';
import { emitInvalidation } from './invalidation';
import { emitEvent } from './outbox';

export type RevisionSource = 'save' | 'restore' | 'publish_reset' | 'seed';

export interface SaveDraftInput {
  promptId: string;
  baseRevisionId: string;
  content: Content;
  source?: RevisionSource;
  restoredFromId?: string;
  /** What the author said about the change (the write API's `message`). */
  message?: string;
  /** Re-resolve includes pinned to production to the production release now (Update). */
  refreshIncludes?: boolean;
}

export interface SavedRevision {
  id: string;
  number: number;
  contentHash: string;
  createdAt: Date;
}

export type SaveDraftResult = { saved: boolean; revision: SavedRevision; content: Content };

/**
 * Takes the per-prompt lock: the prompt row, loaded through its workspace. Every write that
 * moves the draft head or numbers a release runs after this inside one transaction.
 */
export async function lockPrompt(tx: Tx, ctx: WorkspaceContext, promptId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Prompt" WHERE id = ${promptId} AND "workspaceId" = ${ctx.workspaceId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError('not_found', 'Prompt not found');
  return tx.prompt.findUniqueOrThrow({
    where: { id: promptId },
    select: {
      id: true,
      slug: true,
      revisionCount: true,
      releaseCount: true,
      headRevision: {
        select: { id: true, number: true, contentHash: true, content: true, createdAt: true, createdById: true },
      },
    },
  });
}

/** Appends a revision and moves the draft head to it. The caller holds the prompt lock. */
export async function appendRevisionTx(
  tx: Tx,
  ctx: WorkspaceContext,
  locked: Awaited<ReturnType<typeof lockPrompt>>,
  content: Content,
  opts: { source: RevisionSource; restoredFromId?: string; message?: string; canonical?: string },
): Promise<SavedRevision> {
  // A caller that has canonicalized the content already passes that text (saveDraft).
  const canonical = opts.canonical ?? canonicalJson(content);
  const before = locked.headRevision ? canonicalJson(locked.headRevision.content) : '';
  const number = locked.revisionCount + 1;
  const revision = await tx.revision.create({
    data: {
      promptId: locked.id,
      number,
      content: content as Prisma.InputJsonValue,
      contentHash: hashCanonical(canonical),
      sizeBytes: byteLength(canonical),
      changeSize: changeSize(before, canonical),
      source: opts.source,
      baseRevisionId: locked.headRevision?.id ?? null,
      restoredFromId: opts.restoredFromId ?? null,
      message: opts.message ?? '',
      createdById: ctx.userId,
    },
    select: { id: true, number: true, contentHash: true, createdAt: true },
  });
  await tx.prompt.update({ where: { id: locked.id }, data: { headRevisionId: revision.id, revisionCount: number } });
  return revision;
}

/**
 * Saves the draft: appends r(n+1) unless the content equals the head's. A base that is no
 * longer the head is a conflict naming who moved it and when; nothing is overwritten.
 */
export async function saveDraft(ctx: WorkspaceContext, input: SaveDraftInput): Promise<SaveDraftResult> {
  assertCan(ctx, 'draft.save');
  const prisma = await db();
  const { slug, result } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, input.promptId);
    const head = locked.headRevision;
    if (head && head.id !== input.baseRevisionId) {
      const mover = await tx.user.findUnique({ where: { id: head.createdById }, select: { name: true, email: true } });
      throw new AppError(
        'conflict',
        `The draft moved to r${head.number} since you started editing (saved by ${mover?.name ?? mover?.email ?? 'someone'}).`,
        {
          details: {
            headRevisionId: head.id,
            headNumber: head.number,
            movedById: head.createdById,
            movedBy: mover?.name ?? mover?.email ?? null,
            movedAt: head.createdAt.toISOString(),
          },
        },
      );
    }
    // Includes are resolved here, inside the lock, so the revision's hash (which approvals
    // bind to) covers the included text that will ship.
    const content = await resolveContentIncludes(tx, ctx, locked, input.content, {
      head: head?.content,
      refresh: input.refreshIncludes,
    });
    const canonical = canonicalJson(content);
    const hash = hashCanonical(canonical);
    if (head && head.contentHash === hash) {
      const revision = { id: head.id, number: head.number, contentHash: head.contentHash, createdAt: head.createdAt };
      return { slug: locked.slug, result: { saved: false, revision, content } satisfies SaveDraftResult };
    }
    const revision = await appendRevisionTx(tx, ctx, locked, content, {
      source: input.source ?? 'save',
      restoredFromId: input.restoredFromId,
      message: input.message,
      canonical,
    });
    // Opt-in: writes nothing unless an enabled endpoint asks for draft.saved.
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'draft.saved',
      actorId: ctx.userId,
      data: {
        prompt: { id: locked.id, slug: locked.slug },
        revision: { id: revision.id, number: revision.number },
        link: `/w/${ctx.workspaceSlug}/prompts/${locked.slug}`,
      },
    });
    return { slug: locked.slug, result: { saved: true, revision, content } satisfies SaveDraftResult };
  });
  // development serves the draft head, so a new head drops the cached response (after commit).
  if (result.saved) {
    emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
    countDraftSave();
  }
  return result;
}
