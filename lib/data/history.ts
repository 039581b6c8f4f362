import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { emitInvalidation } from './invalidation';
import { appendRevisionTx, lockPrompt, type RevisionSource } from './revisions';

export interface RevisionAuthor {
  id: string;
  name: string | null;
  /** null when the account no longer exists. */
  email: string | null;
}

export interface RevisionSummary {
  id: string;
  number: number;
  contentHash: string;
  sizeBytes: number;
  changeSize: number;
  source: RevisionSource;
  /** What the author said about the change; "" when nothing. */
  message: string;
  restoredFromNumber: number | null;
  createdAt: Date;
  author: RevisionAuthor;
  /** Releases made from this revision, oldest first. */
  releaseVersions: number[];
  isHead: boolean;
}

export interface RevisionDetail extends RevisionSummary {
  content: Prisma.JsonValue;
}

export interface RevisionPage {
  items: RevisionSummary[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export const HISTORY_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const MAX_REVISION_NUMBER = 2_147_483_647; // a PostgreSQL integer; larger values would fail the query

type Client = Tx | Awaited<ReturnType<typeof db>>;

const summarySelect = {
  id: true,
  number: true,
  contentHash: true,
  sizeBytes: true,
  changeSize: true,
  source: true,
  message: true,
  restoredFromId: true,
  createdById: true,
  createdAt: true,
} satisfies Prisma.RevisionSelect;

type SummaryRow = Prisma.RevisionGetPayload<{ select: typeof summarySelect }>;

/** The prompt, loaded through the caller's workspace; another workspace's prompt is not found. */
async function promptInWorkspace(client: Client, ctx: WorkspaceContext, promptId: string) {
  const prompt = await client.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { id: true, headRevisionId: true },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt;
}

/**
 * Authors, restore sources and release versions for a set of revisions of one prompt: three
 * batched queries whatever the page size, all keyed by indexed columns.
 */
async function decorate(
  client: Client,
  prompt: { id: string; headRevisionId: string | null },
  rows: SummaryRow[],
): Promise<RevisionSummary[]> {
  if (rows.length === 0) return [];
  const authorIds = [...new Set(rows.map((r) => r.createdById))];
  const restoredIds = [...new Set(rows.flatMap((r) => (r.restoredFromId ? [r.restoredFromId] : [])))];
  const [authors, restoredFrom, releases] = await Promise.all([
    client.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true, email: true } }),
    restoredIds.length
      ? client.revision.findMany({ where: { promptId: prompt.id, id: { in: restoredIds } }, select: { id: true, number: true } })
      : Promise.resolve([]),
    client.release.findMany({
      where: { promptId: prompt.id, revisionId: { in: rows.map((r) => r.id) } },
      select: { revisionId: true, version: true },
      orderBy: { version: 'asc' },
    }),
  ]);
  const authorById = new Map(authors.map((a) => [a.id, a]));
  const numberById = new Map(restoredFrom.map((r) => [r.id, r.number]));
  const versionsById = new Map<string, number[]>();
  for (const r of releases) versionsById.set(r.revisionId, [...(versionsById.get(r.revisionId) ?? []), r.version]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    contentHash: r.contentHash,
    sizeBytes: r.sizeBytes,
    changeSize: r.changeSize,
    source: r.source,
    message: r.message,
    restoredFromNumber: r.restoredFromId ? (numberById.get(r.restoredFromId) ?? null) : null,
    createdAt: r.createdAt,
    author: authorById.get(r.createdById) ?? { id: r.createdById, name: null, email: null },
    releaseVersions: versionsById.get(r.id) ?? [],
    isHead: r.id === prompt.headRevisionId,
  }));
}

/**
 * One page of a prompt's revisions, newest first. Keyset pagination on the unique
 * (promptId, number) index: `before` is the number the previous page stopped above. It
 * neither counts the revisions nor reads their content, so it stays fast at any length.
 */
export async function listRevisions(
  ctx: WorkspaceContext,
  promptId: string,
  opts: { before?: number; limit?: number } = {},
): Promise<RevisionPage> {
  const prisma = await db();
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? HISTORY_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const before = opts.before === undefined ? undefined : Math.min(Math.trunc(opts.before), MAX_REVISION_NUMBER);
  const prompt = await promptInWorkspace(prisma, ctx, promptId);
  const rows = await prisma.revision.findMany({
    where: { promptId: prompt.id, ...(before !== undefined && { number: { lt: before } }) },
    orderBy: { number: 'desc' },
    take: limit + 1,
    select: summarySelect,
  });
  const page = rows.slice(0, limit);
  const items = await decorate(prisma, prompt, page);
  return { items, nextBefore: rows.length > limit ? page.at(-1)!.number : null };
}

/** One revision by its number, with its content, loaded through the prompt and workspace. */
export async function getRevisionByNumber(ctx: WorkspaceContext, promptId: string, number: number): Promise<RevisionDetail> {
  const prisma = await db();
  const prompt = await promptInWorkspace(prisma, ctx, promptId);
  const notFound = new AppError('not_found', `Revision r${number} not found`);
  if (!Number.isSafeInteger(number) || number < 1 || number > MAX_REVISION_NUMBER) throw notFound;
  const row = await prisma.revision.findUnique({
    where: { promptId_number: { promptId: prompt.id, number } },
    select: { ...summarySelect, content: true },
  });
  if (!row) throw notFound;
  const [summary] = await decorate(prisma, prompt, [row]);
  return { ...summary!, content: row.content };
}

export interface RestoreResult {
  restored: boolean;
  revision: { id: string; number: number };
}

/**
 * Restores an older revision by appending a new one with its content: history is never
 * rewritten, so the current head stays in the list. Content equal to the head's writes
 * nothing.
 */
export async function restoreRevision(ctx: WorkspaceContext, promptId: string, revisionId: string): Promise<RestoreResult> {
  assertCan(ctx, 'revision.restore');
  const prisma = await db();
  const { slug, result } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, promptId);
    const revision = await tx.revision.findFirst({
      where: { id: revisionId, promptId: locked.id },
      select: { id: true, number: true, content: true, contentHash: true },
    });
    if (!revision) throw new AppError('not_found', 'Revision not found');
    const parsed = parseContent(revision.content);
    if (!parsed.ok) throw new AppError('invalid', `r${revision.number} is not valid content and cannot be restored`);
    const head = locked.headRevision;
    if (head && head.contentHash === revision.contentHash) {
      return { slug: locked.slug, result: { restored: false, revision: { id: head.id, number: head.number } } satisfies RestoreResult };
    }
    const appended = await appendRevisionTx(tx, ctx, locked, parsed.content, { source: 'restore', restoredFromId: revision.id });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'revision.restore',
      targetType: 'prompt',
      targetId: locked.id,
      data: { slug: locked.slug, from: revision.number, to: appended.number },
    });
    return {
      slug: locked.slug,
      result: { restored: true, revision: { id: appended.id, number: appended.number } } satisfies RestoreResult,
    };
  });
  if (result.restored) emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
  return result;
}
