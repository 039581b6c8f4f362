import { randomUUID } from 'node:crypto';
import type { WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { db } from '@/lib/data/db';
import { createAccount } from '@/lib/data/users';

export function uniqueEmail(tag = 'user'): string {
  return `${tag}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A fresh user with a personal workspace, as its admin: each test builds its own tenant. */
export async function newTenant(name = 'Test Team'): Promise<WorkspaceContext & { email: string }> {
  const email = uniqueEmail();
  const { userId, workspaceSlug } = await createAccount({ name, email, password: 'correct horse battery' });
  const prisma = await db();
  const ws = await prisma.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { id: true, name: true } });
  return { userId, workspaceId: ws.id, workspaceSlug, workspaceName: ws.name, role: 'admin', email };
}

/** Adds a new user to the tenant's workspace with `role`; returns that member's context. */
export async function addMember(tenant: WorkspaceContext, role: Role): Promise<WorkspaceContext & { email: string }> {
  const email = uniqueEmail(role);
  const { userId } = await createAccount({ name: `A ${role}`, email, password: 'correct horse battery' });
  const prisma = await db();
  await prisma.membership.create({ data: { workspaceId: tenant.workspaceId, userId, role } });
  return { ...tenant, userId, role, email };
}

export function errorCode(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  );
}
