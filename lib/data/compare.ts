import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { parseContent, type Content } from '@/lib/domain/content';
import { formatUtc } from '@/lib/domain/history';
import { parseRef } from '@/lib/domain/revision-format';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from './db';
import { listDependents, type Dependent } from './dependents';

export type CompareRefName = 'draft' | 'production' | `r${number}` | `v${number}`;

/** One side of a comparison: a revision or a release, with its content. */
export interface ResolvedRef {
  ref: CompareRefName;
  /** "Draft (r12)", "Production (v3)", "r12", "v3". */
  label: string;
  kind: 'revision' | 'release';
  number: number;
  content: Content;
  contentHash: string;
  createdAt: Date;
}

export interface RefOption {
  value: string;
  label: string;
}

const MAX_NUMBER = 2_147_483_647; // a PostgreSQL integer; larger values would fail the query
const RELEASE_OPTIONS = 100;
const REVISION_OPTIONS = 50;

const revisionSelect = { number: true, content: true, contentHash: true, createdAt: true } satisfies Prisma.RevisionSelect;
const releaseSelect = { version: true, content: true, contentHash: true, publishedAt: true } satisfies Prisma.ReleaseSelect;

type RevisionRow = Prisma.RevisionGetPayload<{ select: typeof revisionSelect }>;
type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

/**
 * Resolves "draft", "production", "r12" or "v3" to its content, loaded through the prompt
 * and the caller's workspace. "production" is null while nothing is published; anything
 * else that does not exist is not_found.
 */
export async function resolveRef(ctx: WorkspaceContext, promptId: string, ref: string): Promise<ResolvedRef | null> {
  const prisma = await db();
  const where = { id: promptId, workspaceId: ctx.workspaceId };
  const promptNotFound = () => new AppError('not_found', 'Prompt not found');

  if (ref === 'draft') {
    const prompt = await prisma.prompt.findFirst({ where, select: { headRevision: { select: revisionSelect } } });
    if (!prompt) throw promptNotFound();
    if (!prompt.headRevision) throw new AppError('not_found', 'This prompt has no draft');
    return fromRevision('draft', `Draft (r${prompt.headRevision.number})`, prompt.headRevision);
  }

  if (ref === 'production') {
    // Production serves its pinned release, or the newest when nothing is pinned.
    const prompt = await prisma.prompt.findFirst({
      where,
      select: {
        deployments: {
          where: { environment: { workspaceId: ctx.workspaceId, name: 'production' } },
          select: { release: { select: releaseSelect } },
        },
        releases: { orderBy: { version: 'desc' }, take: 1, select: releaseSelect },
      },
    });
    if (!prompt) throw promptNotFound();
    const served = prompt.deployments[0]?.release ?? prompt.releases[0] ?? null;
    return served ? fromRelease('production', `Production (v${served.version})`, served) : null;
  }

  const parsed = parseRef(ref);
  if (!parsed || parsed.number > MAX_NUMBER) throw new AppError('not_found', `"${ref}" is not a revision (r12) or a release (v3)`);
  const { number } = parsed;
  if (parsed.kind === 'revision') {
    const prompt = await prisma.prompt.findFirst({
      where,
      select: { revisions: { where: { number }, take: 1, select: revisionSelect } },
    });
    if (!prompt) throw promptNotFound();
    const row = prompt.revisions[0];
    if (!row) throw new AppError('not_found', `Revision r${number} not found`);
    return fromRevision(`r${number}`, `r${number}`, row);
  }
  const prompt = await prisma.prompt.findFirst({
    where,
    select: { releases: { where: { version: number }, take: 1, select: releaseSelect } },
  });
  if (!prompt) throw promptNotFound();
  const row = prompt.releases[0];
  if (!row) throw new AppError('not_found', `Release v${number} not found`);
  return fromRelease(`v${number}`, `v${number}`, row);
}

function toContent(json: Prisma.JsonValue, label: string): Content {
  const parsed = parseContent(json);
  if (!parsed.ok) throw new AppError('invalid', `${label} is not valid content and cannot be compared`);
  return parsed.content;
}

function fromRevision(ref: CompareRefName, label: string, row: RevisionRow): ResolvedRef {
  return {
    ref,
    label,
    kind: 'revision',
    number: row.number,
    content: toContent(row.content, `r${row.number}`),
    contentHash: row.contentHash,
    createdAt: row.createdAt,
  };
}

function fromRelease(ref: CompareRefName, label: string, row: ReleaseRow): ResolvedRef {
  return {
    ref,
    label,
    kind: 'release',
    number: row.version,
    content: toContent(row.content, `v${row.version}`),
    contentHash: row.contentHash,
    createdAt: row.publishedAt,
  };
}

/** The newest releases and revisions of a prompt, for the comparison pickers. Reads no content. */
export async function listRefs(ctx: WorkspaceContext, promptId: string): Promise<{ releases: RefOption[]; revisions: RefOption[] }> {
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: {
      headRevisionId: true,
      releases: { orderBy: { version: 'desc' }, take: RELEASE_OPTIONS, select: { version: true, note: true, publishedAt: true } },
      revisions: { orderBy: { number: 'desc' }, take: REVISION_OPTIONS, select: { id: true, number: true, createdAt: true } },
    },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return {
    releases: prompt.releases.map((r) => ({
      value: `v${r.version}`,
      label: [`v${r.version}`, truncate(r.note.trim(), 60), formatUtc(r.publishedAt)].filter(Boolean).join(' · '),
    })),
    revisions: prompt.revisions.map((r) => ({
      value: `r${r.number}`,
      label: [`r${r.number}`, r.id === prompt.headRevisionId ? 'draft head' : '', formatUtc(r.createdAt)].filter(Boolean).join(' · '),
    })),
  };
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One side of the Publish dialog's diff: its label and content. */
export interface PublishDiffSide {
  label: string;
  content: Content;
}

/**
 * The Publish dialog's diff, read when the dialog opens so the prompt's pages do not carry
 * two contents in their payload: what production serves (null when nothing is, or when its
 * content cannot be shown) and revision r`candidateNumber` (null when it cannot be shown);
 * with the prompts that include this one (a scan of the workspace's heads, so it is read here
 * rather than by every prompt page's Publish bar).
 */
export async function loadPublishDiff(
  ctx: WorkspaceContext,
  promptId: string,
  candidateNumber: number,
): Promise<{ production: PublishDiffSide | null; candidate: PublishDiffSide | null; dependents: Dependent[] }> {
  const [production, candidate, dependents] = await Promise.all([
    resolveRef(ctx, promptId, 'production').catch(unreadable),
    resolveRef(ctx, promptId, `r${candidateNumber}`).catch(unreadable),
    listDependents(ctx, promptId),
  ]);
  const side = (ref: ResolvedRef | null) => (ref ? { label: ref.label, content: ref.content } : null);
  return { production: side(production), candidate: side(candidate), dependents };
}

/** Content that does not parse is shown without its diff; a missing prompt stays not_found. */
function unreadable(e: unknown): null {
  if (e instanceof AppError && e.code === 'invalid') return null;
  throw e;
}
