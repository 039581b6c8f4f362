import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { parseContent } from '@/lib/domain/content';
import { includedReleaseIds } from '@/lib/domain/includes';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { countPublish } from '@/lib/metrics';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { emitInvalidation } from './invalidation';
import { emitEvent } from './outbox';
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
  input: { promptId: string; revisionId: string; note: string; draftPolicy: DraftPolicy; audit?: Record<string, string | number> },
  check?: (tx: Tx) => Promise<{ draftPolicy: DraftPolicy } | void>,
  onPublished?: (tx: Tx, release: { id: string; version: number }) => Promise<void>,
) {
  const prisma = await db();
  const { slug, release } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, input.promptId);
    const checked = check ? await check(tx) : undefined;
    const draftPolicy = checked?.draftPolicy ?? input.draftPolicy;
    const revision = await tx.revision.findFirst({
      where: { id: input.revisionId, promptId: locked.id },
      select: { id: true, number: true, content: true, contentHash: true },
    });
    if (!revision) throw new AppError('not_found', 'Revision not found');
    const parsed = parseContent(revision.content);
    if (!parsed.ok) throw new AppError('invalid', 'This revision is not valid content and cannot be published');
    // Every include must be frozen to a release; content saved before resolution existed is not.
    if (parsed.content.blocks.some((b) => b.kind === 'include' && !b.include?.resolved)) {
      throw new AppError('invalid', 'This revision has an include that is not resolved; save the draft again, then publish');
    }
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
    await freezeIncludeGraph(tx, ctx.workspaceId, release.id, includedReleaseIds(parsed.content));
    const environmentId = await productionEnvironmentId(tx, ctx.workspaceId);
    await tx.deployment.upsert({
      where: { promptId_environmentId: { promptId: locked.id, environmentId } },
      create: { promptId: locked.id, environmentId, releaseId: release.id, updatedById: ctx.userId },
      // Moving production ends any canary: it split traffic against the release being replaced.
      update: { releaseId: release.id, canaryReleaseId: null, canaryPercent: 0, updatedById: ctx.userId },
    });
    // reset: the draft becomes a new revision equal to the release (nothing is written when
    // it already is); retain: work in progress after the published revision survives.
    if (draftPolicy === 'reset' && locked.headRevision?.contentHash !== revision.contentHash) {
      await appendRevisionTx(tx, ctx, locked, parsed.content, { source: 'publish_reset', restoredFromId: revision.id });
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'release.publish',
      targetType: 'prompt',
      targetId: locked.id,
      data: {
        slug: locked.slug,
        version,
        revision: revision.number,
        contentHash: revision.contentHash,
        note: input.note,
        draftPolicy,
        ...input.audit,
      },
    });
    await onPublished?.(tx, release);
    await tx.review.updateMany({
      where: { promptId: locked.id, status: 'open', contentHash: revision.contentHash },
      data: { status: 'published' },
    });
    const link = `/w/${ctx.workspaceSlug}/prompts/${locked.slug}/releases`;
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'release.published',
      actorId: ctx.userId,
      data: {
        prompt: { id: locked.id, slug: locked.slug },
        release: { id: release.id, version },
        revision: { id: revision.id, number: revision.number },
        details: { contentHash: revision.contentHash, note: input.note },
        link,
      },
      notify: { kind: 'release.published', title: `${locked.slug} v${version} was published`, link, to: { followersOf: locked.id } },
    });
    return { slug: locked.slug, release };
  });
  emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
  countPublish();
  return release;
}

/** Points production at an older (or newer) release. Audited; nothing is deleted. */
export async function rollbackProduction(ctx: WorkspaceContext, promptId: string, releaseId: string, note = '') {
  assertCan(ctx, 'release.rollback');
  const prisma = await db();
  const { slug, result } = await prisma.$transaction(async (tx) => {
    const locked = await lockPrompt(tx, ctx, promptId);
    const release = await tx.release.findFirst({ where: { id: releaseId, promptId: locked.id }, select: { id: true, version: true } });
    if (!release) throw new AppError('not_found', 'Release not found');
    const environmentId = await productionEnvironmentId(tx, ctx.workspaceId);
    const current = await servedRelease(tx, locked.id, ctx.workspaceId);
    if (current?.id === release.id) throw new AppError('conflict', `Production already serves v${release.version}`);
    await tx.deployment.upsert({
      where: { promptId_environmentId: { promptId: locked.id, environmentId } },
      create: { promptId: locked.id, environmentId, releaseId: release.id, updatedById: ctx.userId },
      // Moving production ends any canary: it split traffic against the release being replaced.
      update: { releaseId: release.id, canaryReleaseId: null, canaryPercent: 0, updatedById: ctx.userId },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'release.rollback',
      targetType: 'prompt',
      targetId: locked.id,
      data: { slug: locked.slug, from: current?.version ?? null, to: release.version, ...(note && { note }) },
    });
    await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'release.rolled_back',
      actorId: ctx.userId,
      data: {
        prompt: { id: locked.id, slug: locked.slug },
        release: { id: release.id, version: release.version },
        details: { from: current?.version ?? null, to: release.version, note },
        link: `/w/${ctx.workspaceSlug}/prompts/${locked.slug}/releases`,
      },
    });
    return { slug: locked.slug, result: { version: release.version } };
  });
  emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug });
  return result;
}

type Client = Tx | Awaited<ReturnType<typeof db>>;

/**
 * Records the releases a new release stands on. The revision's includes were resolved when it
 * was saved and its hash covers them; here, inside the publish transaction, every one must
 * still be a release of this workspace (releases never change, so the text is the same).
 */
async function freezeIncludeGraph(tx: Tx, workspaceId: string, releaseId: string, included: { releaseId: string; direct: boolean }[]) {
  if (included.length === 0) return;
  const found = await tx.release.count({ where: { id: { in: included.map((i) => i.releaseId) }, prompt: { workspaceId } } });
  if (found !== included.length) throw new AppError('conflict', 'This revision includes a release that is not in this workspace');
  await tx.releaseInclude.createMany({
    data: included.map((i) => ({ releaseId, includedReleaseId: i.releaseId, direct: i.direct })),
  });
}

/** What production serves: its pinned release, or the newest when none is pinned. */
export async function servedRelease(client: Client, promptId: string, workspaceId: string) {
  const pinned = await client.deployment.findFirst({
    where: { promptId, environment: { workspaceId, name: 'production' }, releaseId: { not: null } },
    select: { release: { select: { id: true, version: true, contentHash: true } } },
  });
  if (pinned?.release) return pinned.release;
  return client.release.findFirst({
    where: { promptId },
    orderBy: { version: 'desc' },
    select: { id: true, version: true, contentHash: true },
  });
}

export async function listReleases(ctx: WorkspaceContext, promptId: string) {
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { id: true } });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  const [releases, live] = await Promise.all([
    prisma.release.findMany({
      where: { promptId },
      orderBy: { version: 'desc' },
      take: 200,
      select: {
        id: true,
        version: true,
        note: true,
        contentHash: true,
        publishedAt: true,
        publishedById: true,
        revision: { select: { number: true } },
      },
    }),
    servedRelease(prisma, promptId, ctx.workspaceId),
  ]);
  const users = await prisma.user.findMany({
    where: { id: { in: [...new Set(releases.map((r) => r.publishedById))] } },
    select: { id: true, name: true, email: true },
  });
  const who = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  return releases.map((r) => ({
    id: r.id,
    version: r.version,
    note: r.note,
    contentHash: r.contentHash,
    publishedAt: r.publishedAt,
    publishedBy: who.get(r.publishedById) ?? 'unknown',
    revisionNumber: r.revision.number,
    live: live?.id === r.id,
  }));
}
