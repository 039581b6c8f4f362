import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { appendRevisionTx, lockPrompt } from './revisions';

export type DraftPolicy = 'reset' | 'retain';

async function productionEnvironmentId(tx: Tx, workspaceId: string): Promise<string> {
  const env = await tx.environment.findUnique({ where: { workspaceId_name: { workspaceId, name: 'production' } }, select: { id: true } });
  if (!env) throw new AppError('conflict', 'This workspace has no production environment');
  return env.id;
}

/**
 * Writes release v(n+1) from one revision under the per-prompt lock, points production at
 * it, audits, and applies the draft policy. Callers check role and review policy first
 * (inside the same transaction, through `check`).
 */
export async function publishRevision(
  ctx: WorkspaceContext,
  input: { promptId: string; revisionId: string; note: string; draftPolicy: DraftPolicy },
  check?: (tx: Tx) => Promise<void>,
) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, input.promptId);
    if (check) await check(tx);
    const revision = await tx.revision.findFirst({
      where: { id: input.revisionId, promptId: locked.id },
      select: { id: true, number: true, content: true, contentHash: true },
    });
    if (!revision) throw new AppError('not_found', 'Revision not found');
    const parsed = parseContent(revision.content);
    if (!parsed.ok) throw new AppError('invalid', 'This revision is not valid content and cannot be published');
    const version = locked.releaseCount + 1;
    const release = await tx.release.create({
      data: {
        promptId: locked.id,
        version,
        revisionId: revision.id,
        content: revision.content as Prisma.InputJsonValue,
        contentHash: revision.contentHash,
        note: input.note,
        publishedById: ctx.userId,
      },
      select: { id: true, version: true, contentHash: true, publishedAt: true },
    });
    await tx.prompt.update({ where: { id: locked.id }, data: { releaseCount: version } });
    const environmentId = await productionEnvironmentId(tx, ctx.workspaceId);
    await tx.deployment.upsert({
      where: { promptId_environmentId: { promptId: locked.id, environmentId } },
      create: { promptId: locked.id, environmentId, releaseId: release.id, updatedById: ctx.userId },
      update: { releaseId: release.id, updatedById: ctx.userId },
    });
    // reset: the draft becomes a new revision equal to the release (nothing is written when
    // it already is); retain: work in progress after the published revision survives.
    if (input.draftPolicy === 'reset' && locked.headRevision?.contentHash !== revision.contentHash) {
      await appendRevisionTx(tx, ctx, locked, parsed.content, { source: 'publish_reset', restoredFromId: revision.id });
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'release.publish',
      targetType: 'prompt',
      targetId: locked.id,
      data: { version, revision: revision.number, contentHash: revision.contentHash, note: input.note, draftPolicy: input.draftPolicy },
    });
    return release;
  });
}
