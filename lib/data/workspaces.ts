import 'server-only';
import { randomBytes } from 'node:crypto';
import type { WorkspaceContext } from '@/lib/authz';
import { slugify } from '@/lib/domain/slug';
import type { Tx } from './audit';
import { recordAudit } from './audit';
import { db } from './db';
import { isUniqueViolation } from './prisma-errors';

const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** Picks a free workspace slug: "acme", then "acme-2", "acme-3", … */
async function freeSlug(tx: Tx, base: string, attempt: number): Promise<string> {
  let root = (slugify(base) || 'workspace').slice(0, 50);
  // A concurrent sign-up may take the same slug between our check and insert; retries add randomness.
  if (attempt > 0) root = `${root}-${randomBytes(3).toString('hex')}`;
  const taken = new Set(
    (await tx.workspace.findMany({ where: { slug: { startsWith: root } }, select: { slug: true } })).map((w) => w.slug),
  );
  if (!taken.has(root)) return root;
  for (let i = 2; ; i++) if (!taken.has(`${root}-${i}`)) return `${root}-${i}`;
}

export async function createWorkspaceTx(tx: Tx, userId: string, name: string, attempt = 0) {
  const slug = await freeSlug(tx, name, attempt);
  const workspace = await tx.workspace.create({
    data: {
      slug,
      name,
      memberships: { create: { userId, role: 'admin' } },
      environments: { create: ENVIRONMENTS.map((env) => ({ name: env })) },
    },
    select: { id: true, slug: true, name: true },
  });
  await recordAudit(tx, {
    workspaceId: workspace.id,
    actorId: userId,
    action: 'workspace.create',
    targetType: 'workspace',
    targetId: workspace.id,
    data: { name },
  });
  return workspace;
}

/** Runs a transaction that creates a workspace, again with a randomised slug if a concurrent one took it. */
export async function withFreshSlugRetry<T>(run: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run(attempt);
    } catch (e) {
      if (attempt >= 3 || !isUniqueViolation(e, 'slug')) throw e;
    }
  }
}

export async function createWorkspace(userId: string, name: string) {
  const prisma = await db();
  return withFreshSlugRetry((attempt) => prisma.$transaction((tx) => createWorkspaceTx(tx, userId, name, attempt)));
}

export async function getWorkspaceSummary(ctx: WorkspaceContext) {
  const prisma = await db();
  const [prompts, members] = await Promise.all([
    prisma.prompt.count({ where: { workspaceId: ctx.workspaceId } }),
    prisma.membership.count({ where: { workspaceId: ctx.workspaceId } }),
  ]);
  return { prompts, members };
}
