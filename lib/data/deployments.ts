import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { promptInWorkspace, servedReleaseNow } from './request-reads';
import { emitInvalidation } from './invalidation';
import { emitEvent } from './outbox';
import { servedRelease } from './releases';
import { lockPrompt } from './revisions';

export interface DeploymentsDTO {
  /** The revision staging keys receive; null when staging falls back to production. */
  staging: { revisionNumber: number; revisionId: string; contentHash: string } | null;
  production: { version: number; releaseId: string } | null;
  canary: { version: number; releaseId: string; percent: number } | null;
}

async function environmentId(tx: Tx, workspaceId: string, name: 'staging' | 'production'): Promise<string> {
  const env = await tx.environment.findUnique({ where: { workspaceId_name: { workspaceId, name } }, select: { id: true } });
  if (!env) throw new AppError('conflict', `This workspace has no ${name} environment`);
  return env.id;
}

/** Pins a revision to staging, which serves it to staging keys until another is staged. */
export async function stageRevision(
  ctx: WorkspaceContext,
  promptId: string,
  revisionId: string,
): Promise<{ revisionNumber: number; changed: boolean }> {
  assertCan(ctx, 'staging.pin');
  const prisma = await db();
  const { slug, result } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, promptId);
    const revision = await tx.revision.findFirst({
      where: { id: revisionId, promptId: locked.id },
      select: { id: true, number: true, content: true },
    });
    if (!revision) throw new AppError('not_found', 'Revision not found');
    if (!parseContent(revision.content).ok) throw new AppError('invalid', `r${revision.number} is not valid content and cannot be staged`);
    const envId = await environmentId(tx, ctx.workspaceId, 'staging');
    const where = { promptId_environmentId: { promptId: locked.id, environmentId: envId } };
    const current = await tx.deployment.findUnique({ where, select: { revision: { select: { id: true, number: true } } } });
    if (current?.revision?.id === revision.id) return { slug: locked.slug, result: { revisionNumber: revision.number, changed: false } };
    await tx.deployment.upsert({
      where,
      create: { promptId: locked.id, environmentId: envId, revisionId: revision.id, updatedById: ctx.userId },
      update: { revisionId: revision.id, updatedById: ctx.userId },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'staging.pin',
      targetType: 'prompt',
      targetId: locked.id,
      data: { revision: revision.number, from: current?.revision?.number ?? null },
    });
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'staging.pinned',
      actorId: ctx.userId,
      data: {
        prompt: { id: locked.id, slug: locked.slug },
        revision: { id: revision.id, number: revision.number },
        details: { from: current?.revision?.number ?? null },
        link: `/w/${ctx.workspaceSlug}/prompts/${locked.slug}/revisions/${revision.number}`,
      },
    });
    return { slug: locked.slug, result: { revisionNumber: revision.number, changed: true } };
  });
  if (result.changed) emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
  return result;
}

/**
 * Splits production traffic: `percent` of requests get `releaseId` instead of the live
 * release. A null release or 0 % stops the canary.
 */
export async function setCanary(
  ctx: WorkspaceContext,
  promptId: string,
  input: { releaseId: string | null; percent: number },
): Promise<{ canary: { version: number; percent: number } | null }> {
  assertCan(ctx, 'canary.set');
  if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100) {
    throw new AppError('invalid', 'Canary percent must be a whole number from 0 to 100', {
      fieldErrors: { percent: ['Enter a whole number from 0 to 100'] },
    });
  }
  const stop = input.releaseId === null || input.percent === 0;
  const prisma = await db();
  const { slug, result } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, promptId);
    const envId = await environmentId(tx, ctx.workspaceId, 'production');
    const where = { promptId_environmentId: { promptId: locked.id, environmentId: envId } };
    const current = await tx.deployment.findUnique({
      where,
      select: { canaryPercent: true, canaryRelease: { select: { id: true, version: true } } },
    });
    const before =
      current?.canaryRelease && current.canaryPercent > 0
        ? { version: current.canaryRelease.version, percent: current.canaryPercent }
        : null;
    let canary: { id: string; version: number; percent: number } | null = null;
    if (!stop) {
      const release = await tx.release.findFirst({
        where: { id: input.releaseId!, promptId: locked.id },
        select: { id: true, version: true },
      });
      if (!release) throw new AppError('not_found', 'Release not found');
      const live = await servedRelease(tx, locked.id, ctx.workspaceId);
      if (live?.id === release.id)
        throw new AppError('conflict', `Production already serves v${release.version}; a canary needs another release.`);
      canary = { id: release.id, version: release.version, percent: input.percent };
    }
    const after = canary && { version: canary.version, percent: canary.percent };
    if (before?.version === after?.version && before?.percent === after?.percent)
      return { slug: locked.slug, result: { canary: after, changed: false } };
    const data = { canaryReleaseId: canary?.id ?? null, canaryPercent: canary?.percent ?? 0, updatedById: ctx.userId };
    // No production row yet means "serve the newest release"; creating one with releaseId null keeps that.
    await tx.deployment.upsert({ where, create: { promptId: locked.id, environmentId: envId, ...data }, update: data });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'canary.set',
      targetType: 'prompt',
      targetId: locked.id,
      data: { from: before, to: after },
    });
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'canary.changed',
      actorId: ctx.userId,
      data: {
        prompt: { id: locked.id, slug: locked.slug },
        ...(after && { release: { id: canary!.id, version: after.version } }),
        details: { fromVersion: before?.version ?? null, fromPercent: before?.percent ?? 0, percent: after?.percent ?? 0 },
        link: `/w/${ctx.workspaceSlug}/prompts/${locked.slug}/releases`,
      },
    });
    return { slug: locked.slug, result: { canary: after, changed: true } };
  });
  if (result.changed) emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
  return { canary: result.canary };
}

/** What staging and production serve for one prompt, for the revision and releases pages. */
export async function getDeployments(ctx: WorkspaceContext, promptId: string): Promise<DeploymentsDTO> {
  const prisma = await db();
  const prompt = { id: await promptInWorkspace(ctx.workspaceId, promptId) };
  const [rows, live] = await Promise.all([
    prisma.deployment.findMany({
      where: { promptId: prompt.id, environment: { workspaceId: ctx.workspaceId, name: { in: ['staging', 'production'] } } },
      select: {
        environment: { select: { name: true } },
        canaryPercent: true,
        revision: { select: { id: true, number: true, contentHash: true } },
        canaryRelease: { select: { id: true, version: true } },
      },
    }),
    servedReleaseNow(prompt.id, ctx.workspaceId),
  ]);
  const staged = rows.find((r) => r.environment.name === 'staging')?.revision;
  const production = rows.find((r) => r.environment.name === 'production');
  const canaryRelease = production?.canaryRelease;
  // A canary equal to the live release (after a rollback onto it) splits nothing.
  const canary =
    canaryRelease && production.canaryPercent > 0 && canaryRelease.id !== live?.id
      ? { version: canaryRelease.version, releaseId: canaryRelease.id, percent: production.canaryPercent }
      : null;
  return {
    staging: staged ? { revisionNumber: staged.number, revisionId: staged.id, contentHash: staged.contentHash } : null,
    production: live ? { version: live.version, releaseId: live.id } : null,
    canary,
  };
}
