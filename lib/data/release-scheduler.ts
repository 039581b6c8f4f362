// The scheduler's side of scheduled releases: fire the due ones. Several instances may run
// this at once on one PostgreSQL; each schedule still fires once, because it is claimed
// inside the publish transaction (under the prompt lock) with FOR UPDATE SKIP LOCKED on its
// row and only a row still "scheduled" is ever changed, so a second instance finds it
// already published or cancelled and skips it.
import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { scheduleDecision } from '@/lib/domain/scheduled-release';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { checkPublish } from './publish';
import { publishRevision } from './releases';
import { emitEvent } from './outbox';

export type FireOutcome =
  | { id: string; outcome: 'published'; version: number }
  | { id: string; outcome: 'cancelled'; reason: string }
  | { id: string; outcome: 'skipped' };

/** Thrown inside the publish transaction to roll it back with what to do instead. */
class NotPublishing extends Error {
  constructor(readonly outcome: { kind: 'skip' } | { kind: 'cancel'; reason: string }) {
    super(outcome.kind);
  }
}

async function claim(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ScheduledRelease" WHERE id = ${id} AND status = 'scheduled' FOR UPDATE SKIP LOCKED`;
  return rows.length === 1;
}

/** Fires every schedule due at `now`, oldest first; one failing does not stop the others. */
export async function runDueSchedules(now = new Date(), limit = 20): Promise<FireOutcome[]> {
  const prisma = await db();
  const due = await prisma.scheduledRelease.findMany({
    where: { status: 'scheduled', runAt: { lte: now } },
    orderBy: { runAt: 'asc' },
    take: limit,
    select: { id: true },
  });
  const outcomes: FireOutcome[] = [];
  for (const { id } of due) outcomes.push(await fireSchedule(id, now));
  return outcomes;
}

/** Publishes one due schedule if its gate is still open for the same content, else cancels it. */
export async function fireSchedule(id: string, now = new Date()): Promise<FireOutcome> {
  const prisma = await db();
  const s = await prisma.scheduledRelease.findUnique({
    where: { id },
    select: {
      id: true,
      promptId: true,
      revisionId: true,
      contentHash: true,
      note: true,
      runAt: true,
      status: true,
      createdById: true,
      revision: { select: { number: true } },
      prompt: { select: { workspaceId: true, slug: true, workspace: { select: { slug: true, name: true } } } },
    },
  });
  if (!s || s.status !== 'scheduled') return { id, outcome: 'skipped' };
  const membership = await prisma.membership.findUnique({
    where: { workspaceId_userId: { workspaceId: s.prompt.workspaceId, userId: s.createdById } },
    select: { role: true },
  });
  const schedule = { status: 'scheduled' as const, runAt: s.runAt, contentHash: s.contentHash, revisionNumber: s.revision.number };
  if (!membership) {
    const decision = scheduleDecision(schedule, { now, role: null, gate: null, revisionHash: s.contentHash });
    return decision.kind === 'cancel' ? cancel(s, decision.reason) : { id, outcome: 'skipped' };
  }
  // The scheduler acts as the publisher who scheduled it, with their role now.
  const ctx: WorkspaceContext = {
    userId: s.createdById,
    workspaceId: s.prompt.workspaceId,
    workspaceSlug: s.prompt.workspace.slug,
    workspaceName: s.prompt.workspace.name,
    role: membership.role,
  };
  try {
    const release = await publishRevision(
      ctx,
      { promptId: s.promptId, revisionId: s.revisionId, note: s.note, draftPolicy: 'reset', audit: { scheduledReleaseId: s.id } },
      async (tx) => {
        if (!(await claim(tx, s.id))) throw new NotPublishing({ kind: 'skip' });
        const check = await checkPublish(tx, ctx, s.promptId, s.revisionId);
        const decision = scheduleDecision(schedule, { now, role: ctx.role, gate: check.gate, revisionHash: check.candidate.contentHash });
        if (decision.kind !== 'publish') throw new NotPublishing(decision.kind === 'cancel' ? decision : { kind: 'skip' });
        return { draftPolicy: check.draftPolicy };
      },
      async (tx, published) => {
        await tx.scheduledRelease.update({
          where: { id: s.id },
          data: { status: 'published', releaseId: published.id, finishedAt: new Date() },
        });
      },
    );
    return { id, outcome: 'published', version: release.version };
  } catch (e) {
    if (e instanceof NotPublishing) return e.outcome.kind === 'cancel' ? cancel(s, e.outcome.reason) : { id, outcome: 'skipped' };
    // An expected refusal from the publish itself (say, content that no longer parses) cancels too.
    if (e instanceof AppError) return cancel(s, e.message);
    throw e;
  }
}

async function cancel(
  s: {
    id: string;
    promptId: string;
    runAt: Date;
    createdById: string;
    revision: { number: number };
    prompt: { workspaceId: string; slug: string; workspace: { slug: string } };
  },
  reason: string,
): Promise<FireOutcome> {
  const prisma = await db();
  const cancelled = await prisma.$transaction(async (tx) => {
    const { count } = await tx.scheduledRelease.updateMany({
      where: { id: s.id, status: 'scheduled' },
      data: { status: 'cancelled', reason, finishedAt: new Date() },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      workspaceId: s.prompt.workspaceId,
      actorId: null,
      action: 'release.schedule_cancelled',
      targetType: 'prompt',
      targetId: s.promptId,
      data: { revision: s.revision.number, runAt: s.runAt.toISOString(), scheduledById: s.createdById, reason },
    });
    // The publisher who scheduled it hears why, through the outbox in this same transaction.
    const link = `/w/${s.prompt.workspace.slug}/prompts/${s.prompt.slug}`;
    await emitEvent(tx, {
      workspaceId: s.prompt.workspaceId,
      type: 'release.schedule_cancelled',
      actorId: null,
      data: { prompt: { id: s.promptId, slug: s.prompt.slug }, revision: { number: s.revision.number }, details: { reason }, link },
      notify: {
        kind: 'release.schedule_cancelled',
        title: `The scheduled release of ${s.prompt.slug} r${s.revision.number} was cancelled: ${reason}`,
        link,
        to: { users: [s.createdById] },
      },
    });
    return true;
  });
  return cancelled ? { id: s.id, outcome: 'cancelled', reason } : { id: s.id, outcome: 'skipped' };
}
