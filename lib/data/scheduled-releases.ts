import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { scheduleTimeProblem } from '@/lib/domain/scheduled-release';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { db } from './db';
import { promptInWorkspace } from './request-reads';
import { checkPublish } from './publish';
import { lockPrompt } from './revisions';

export interface ScheduleView {
  id: string;
  revisionNumber: number;
  runAt: Date;
  note: string;
  status: string;
  reason: string | null;
  scheduledBy: string;
  finishedAt: Date | null;
}

export interface ScheduleState {
  /** The release waiting for its time, if any (one per prompt). */
  pending: ScheduleView | null;
  /** The newest schedule that ended, so the prompt page can say why one was cancelled. */
  last: ScheduleView | null;
}

/**
 * Schedules the publish of one revision for `runAt` (UTC). The gate must be open now; the
 * scheduler checks it again at that time. One pending schedule per prompt, checked under
 * the prompt lock.
 */
export async function scheduleRelease(ctx: WorkspaceContext, input: { promptId: string; revisionId: string; runAt: Date; note: string }) {
  assertCan(ctx, 'release.publish');
  const problem = scheduleTimeProblem(input.runAt, new Date());
  if (problem) throw new AppError('invalid', problem, { fieldErrors: { runAt: [problem] } });
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, input.promptId);
    const check = await checkPublish(tx, ctx, locked.id, input.revisionId);
    if (!check.gate.allowed) {
      throw new AppError('conflict', `The gate is closed, so this cannot be scheduled: ${check.gate.reasons.join(' ')}`);
    }
    const pending = await tx.scheduledRelease.findFirst({
      where: { promptId: locked.id, status: 'scheduled' },
      select: { runAt: true, revision: { select: { number: true } } },
    });
    if (pending) {
      throw new AppError(
        'conflict',
        `r${pending.revision.number} is already scheduled for ${pending.runAt.toISOString()}; cancel it first.`,
      );
    }
    const created = await tx.scheduledRelease.create({
      data: {
        promptId: locked.id,
        revisionId: check.candidate.id,
        contentHash: check.candidate.contentHash,
        note: input.note,
        runAt: input.runAt,
        createdById: ctx.userId,
      },
      select: { id: true, runAt: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'release.schedule',
      targetType: 'prompt',
      targetId: locked.id,
      data: { slug: locked.slug, revision: check.candidate.number, runAt: input.runAt.toISOString(), note: input.note },
    });
    return { id: created.id, runAt: created.runAt, revisionNumber: check.candidate.number };
  });
}

/** A publisher cancels a pending schedule of a prompt of their workspace. */
export async function cancelScheduledRelease(ctx: WorkspaceContext, input: { promptId: string; scheduleId: string }) {
  assertCan(ctx, 'release.publish');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, input.promptId);
    const schedule = await tx.scheduledRelease.findFirst({
      where: { id: input.scheduleId, promptId: locked.id },
      select: { id: true, status: true, runAt: true, revision: { select: { number: true } } },
    });
    if (!schedule) throw new AppError('not_found', 'Scheduled release not found');
    const reason = 'Cancelled by a publisher.';
    const { count } = await tx.scheduledRelease.updateMany({
      where: { id: schedule.id, status: 'scheduled' },
      data: { status: 'cancelled', reason, finishedAt: new Date() },
    });
    if (count === 0) throw new AppError('conflict', `This scheduled release is already ${schedule.status}.`);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'release.schedule_cancel',
      targetType: 'prompt',
      targetId: locked.id,
      data: { slug: locked.slug, revision: schedule.revision.number, runAt: schedule.runAt.toISOString(), reason },
    });
    return { cancelled: true };
  });
}

/** The prompt's pending schedule and the newest one that ended. */
export async function getScheduleState(ctx: WorkspaceContext, promptId: string): Promise<ScheduleState> {
  const prisma = await db();
  const prompt = { id: await promptInWorkspace(ctx.workspaceId, promptId) };
  const select = {
    id: true,
    runAt: true,
    note: true,
    status: true,
    reason: true,
    createdById: true,
    finishedAt: true,
    revision: { select: { number: true } },
  } as const;
  const [pending, last] = await Promise.all([
    prisma.scheduledRelease.findFirst({ where: { promptId: prompt.id, status: 'scheduled' }, orderBy: { runAt: 'asc' }, select }),
    prisma.scheduledRelease.findFirst({
      where: { promptId: prompt.id, status: { not: 'scheduled' } },
      orderBy: { finishedAt: 'desc' },
      select,
    }),
  ]);
  const ids = [pending?.createdById, last?.createdById].filter((v): v is string => !!v);
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } });
  const who = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const view = (row: typeof pending): ScheduleView | null =>
    row && {
      id: row.id,
      revisionNumber: row.revision.number,
      runAt: row.runAt,
      note: row.note,
      status: row.status,
      reason: row.reason,
      scheduledBy: who.get(row.createdById) ?? 'unknown',
      finishedAt: row.finishedAt,
    };
  return { pending: view(pending), last: view(last) };
}
