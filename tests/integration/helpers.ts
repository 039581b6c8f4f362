import { randomUUID } from 'node:crypto';
import type { WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { db } from '@/lib/data/db';
import { acceptInvitation, inviteMember } from '@/lib/data/invitations';
import { createPrompt } from '@/lib/data/prompts';
import { saveDraft } from '@/lib/data/revisions';
import { createAccount } from '@/lib/data/users';
import { systemContent } from '../factories';

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

/** `user` joins the admin's workspace the only way there is: an invitation link, accepted. */
export async function inviteAndAccept(admin: WorkspaceContext, user: { userId: string; email: string }, role: Role) {
  const { token } = await inviteMember(admin, user.email, role);
  return acceptInvitation({ id: user.userId, email: user.email }, token);
}

export function errorCode(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code ?? String(e),
  );
}

/** The id of a prompt's draft head revision. */
export async function headRevisionId(promptId: string): Promise<string> {
  const prisma = await db();
  return (await prisma.prompt.findUniqueOrThrow({ where: { id: promptId }, select: { headRevisionId: true } })).headRevisionId!;
}

/**
 * A prompt named `name` (slug: `name` in lower case) with r1 (the empty content), then one
 * saved revision per body (systemContent(body)): r2, r3, …
 */
export async function promptWithSaves(ctx: WorkspaceContext, name: string, bodies: string[]) {
  const { id } = await createPrompt(ctx, { name, slug: name.toLowerCase(), description: '', tags: [] });
  let head = await headRevisionId(id);
  const ids = new Map<number, string>();
  for (const body of bodies) {
    const { revision } = await saveDraft(ctx, { promptId: id, baseRevisionId: head, content: systemContent(body) });
    head = revision.id;
    ids.set(revision.number, revision.id);
  }
  return { promptId: id, headId: head, ids };
}
