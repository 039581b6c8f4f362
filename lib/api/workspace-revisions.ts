// The write API's revisions: list, read one, and save a draft revision on a base, as the editor
// does (the same lib/data saveDraft: a moved head is a 409 naming who moved it).
import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { getRevisionByNumber, listRevisions, type RevisionSummary } from '@/lib/data/history';
import { findRevisionId, promptBySlug } from '@/lib/data/prompt-refs';
import { saveDraft } from '@/lib/data/revisions';
import type { Content } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import { AppError, isAppError } from '@/lib/errors';
import { revisionPageQuerySchema, revisionPathSchema, saveRevisionBodySchema, type SavedRevisionBody } from '@/lib/schemas/write-api';
import type { z } from 'zod';
import type { revisionSummarySchema } from '@/lib/schemas/write-api';
import { jsonResponse } from './http';
import { parseBody, parseRequest, queryObject } from './request';
import { iso, NO_STORE, type WorkspaceCall } from './workspace-call';
import { slugOf } from './workspace-prompts';

const PAGE = 50;

function summary(r: RevisionSummary): z.output<typeof revisionSummarySchema> {
  return {
    number: r.number,
    contentHash: r.contentHash,
    authorId: r.author.id,
    authorName: r.author.name ?? r.author.email ?? 'former member',
    createdAt: iso(r.createdAt),
    source: r.source,
    message: r.message,
    releaseVersions: r.releaseVersions,
    isHead: r.isHead,
  };
}

export async function listRevisionsOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const { cursor } = parseRequest(revisionPageQuerySchema, queryObject(call.query));
  const prompt = await promptBySlug(call.ctx, slug);
  const page = await listRevisions(call.ctx, prompt.id, { before: cursor, limit: PAGE });
  return jsonResponse(200, { items: page.items.map((r) => summary(r)), nextCursor: page.nextBefore }, NO_STORE);
}

export async function getRevisionOp(call: WorkspaceCall) {
  const { slug, number } = parseRequest(revisionPathSchema, { slug: call.slug, number: call.number });
  const prompt = await promptBySlug(call.ctx, slug);
  const revision = await getRevisionByNumber(call.ctx, prompt.id, number);
  return jsonResponse(200, { revision: { ...summary(revision), content: revision.content as Content } }, NO_STORE);
}

/** The editor's conflict, restated for a client that sends revision numbers, with the head it has to rebase on. */
function movedHead(e: AppError, base: number): AppError {
  const d = e.details as { headNumber: number; movedById: string; movedBy: string | null; movedAt: string };
  const head = { number: d.headNumber, authorId: d.movedById, authorName: d.movedBy, createdAt: d.movedAt };
  return new AppError(
    'conflict',
    `The draft moved since r${base}: saved by ${head.authorName ?? 'someone'} at ${head.createdAt} (r${head.number}). Fetch the head and apply your change on top.`,
    { details: e.details, fields: { head } },
  );
}

async function save(ctx: WorkspaceContext, slug: string, body: z.output<typeof saveRevisionBodySchema>) {
  const prompt = await promptBySlug(ctx, slug);
  // Content equal to the head is a no-op whatever the base: there is nothing to lose.
  if (prompt.head && prompt.head.contentHash === contentHash(body.content)) return { saved: false as const, revision: prompt.head };
  // An unknown base can never be the head: saveDraft answers it with the same conflict.
  const baseRevisionId = (await findRevisionId(prompt, body.baseRevision)) ?? 'none';
  try {
    return await saveDraft(ctx, { promptId: prompt.id, baseRevisionId, content: body.content, message: body.message });
  } catch (e) {
    throw isAppError(e) && e.code === 'conflict' && e.details?.headNumber !== undefined ? movedHead(e, body.baseRevision) : e;
  }
}

export async function saveRevisionOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const body = parseBody(saveRevisionBodySchema, call.req.body);
  const { saved, revision } = await save(call.ctx, slug, body);
  const out: SavedRevisionBody = {
    revision: { number: revision.number, contentHash: revision.contentHash, createdAt: iso(revision.createdAt) },
    created: saved,
    ...(!saved && { message: `The content is unchanged from the head r${revision.number}; nothing was written` }),
  };
  return jsonResponse(saved ? 201 : 200, out, NO_STORE);
}
