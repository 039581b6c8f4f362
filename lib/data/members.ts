import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { listOpenInvitations, type InvitationDTO } from './invitations';

export type { InvitationDTO };

export interface MemberDTO {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
}

export async function listMembers(ctx: WorkspaceContext): Promise<{ members: MemberDTO[]; invitations: InvitationDTO[] }> {
  const prisma = await db();
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({
      // Service members are a token's; the service tokens panel lists them.
      where: { workspaceId: ctx.workspaceId, user: { isService: false } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    listOpenInvitations(ctx),
  ]);
  return {
    members: members.map((m) => ({
      membershipId: m.id,
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
    })),
    invitations,
  };
}

/** Serialises membership changes per workspace so two admins cannot both demote "the other" last admin. */
async function lockWorkspace(tx: Tx, workspaceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Workspace" WHERE id = ${workspaceId} FOR UPDATE`;
}

async function assertAnotherAdmin(tx: Tx, workspaceId: string, membershipId: string): Promise<void> {
  const others = await tx.membership.count({ where: { workspaceId, role: 'admin', id: { not: membershipId } } });
  if (others === 0) throw new AppError('conflict', 'A workspace needs at least one admin. Make someone else admin first.');
}

export async function changeRole(ctx: WorkspaceContext, membershipId: string, role: Role): Promise<void> {
  assertCan(ctx, 'member.role_change');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.workspaceId);
    const m = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: ctx.workspaceId, user: { isService: false } },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!m) throw new AppError('not_found', 'Member not found');
    if (m.role === role) return;
    if (m.role === 'admin') await assertAnotherAdmin(tx, ctx.workspaceId, m.id);
    await tx.membership.update({ where: { id: m.id }, data: { role } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.role_change',
      targetType: 'membership',
      targetId: m.id,
      data: { email: m.user.email, from: m.role, to: role },
    });
  });
}

/**
 * Removes the member and ends every session of theirs (not only in this workspace): whatever
 * a copied session cookie could still reach, an admin's removal is the moment to cut it.
 */
export async function removeMember(ctx: WorkspaceContext, membershipId: string): Promise<void> {
  assertCan(ctx, 'member.remove');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.workspaceId);
    const m = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: ctx.workspaceId, user: { isService: false } },
      select: { id: true, role: true, user: { select: { id: true, email: true } } },
    });
    if (!m) throw new AppError('not_found', 'Member not found');
    if (m.role === 'admin') await assertAnotherAdmin(tx, ctx.workspaceId, m.id);
    await tx.membership.delete({ where: { id: m.id } });
    await tx.user.update({ where: { id: m.user.id }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.remove',
      targetType: 'membership',
      targetId: m.id,
      data: { email: m.user.email, role: m.role },
    });
  });
}
