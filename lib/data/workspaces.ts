import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { slugify } from '@/lib/domain/slug';
import type { Tx } from './audit';
import { recordAudit } from './audit';
import { db } from './db';

const ENVIRONMENTS = ['development', 'staging', 'production'] as const;

/** Picks a free workspace slug: "acme", then "acme-2", "acme-3", … */
async function freeSlug(tx: Tx, base: string): Promise<string> {
  const root = (slugify(base) || 'workspace').slice(0, 56);
  const taken = new Set(
    (await tx.workspace.findMany({ where: { slug: { startsWith: root } }, select: { slug: true } })).map((w) => w.slug),
  );
  if (!taken.has(root)) return root;
  for (let i = 2; ; i++) if (!taken.has(`${root}-${i}`)) return `${root}-${i}`;
}

export async function createWorkspaceTx(tx: Tx, userId: string, name: string) {
  const slug = await freeSlug(tx, name);
  const workspace = await tx.workspace.create({
    data: {
      slug,
      name,
      memberships: { create: { userId, role: 'admin' } },
      environments: { create: ENVIRONMENTS.map((env) => ({ name: env })) },
    },
    select: { id: true, slug: true, name: true },
  });
  await recordAudit(tx, { workspaceId: workspace.id, actorId: userId, action: 'workspace.create', targetType: 'workspace', targetId: workspace.id, data: { name } });
  return workspace;
}

export async function createWorkspace(userId: string, name: string) {
  const prisma = await db();
  return prisma.$transaction((tx) => createWorkspaceTx(tx, userId, name));
}

export async function getWorkspaceSummary(ctx: WorkspaceContext) {
  const prisma = await db();
  const [prompts, members] = await Promise.all([
    prisma.prompt.count({ where: { workspaceId: ctx.workspaceId } }),
    prisma.membership.count({ where: { workspaceId: ctx.workspaceId } }),
  ]);
  return { prompts, members };
}
