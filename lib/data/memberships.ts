import 'server-only';
import type { Role } from '@/lib/authz-rules';
import { db } from './db';

export interface MembershipDTO {
  workspaceId: string;
  workspaceSlug: string;
  workspaceName: string;
  role: Role;
}

/** Authorization input: the caller's role in the workspace named by slug, or null. */
export async function findMembership(userId: string, workspaceSlug: string): Promise<MembershipDTO | null> {
  const prisma = await db();
  const m = await prisma.membership.findFirst({
    where: { userId, workspace: { slug: workspaceSlug } },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return m && { workspaceId: m.workspace.id, workspaceSlug: m.workspace.slug, workspaceName: m.workspace.name, role: m.role };
}

export async function listMyWorkspaces(userId: string): Promise<MembershipDTO[]> {
  const prisma = await db();
  const rows = await prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { role: true, workspace: { select: { id: true, slug: true, name: true } } },
  });
  return rows.map((m) => ({ workspaceId: m.workspace.id, workspaceSlug: m.workspace.slug, workspaceName: m.workspace.name, role: m.role }));
}
