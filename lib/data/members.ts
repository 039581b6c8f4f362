import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';

export interface MemberDTO {
  membershipId: string;
  userId: string;
  name: string | null;
  email: string;
  role: Role;
  joinedAt: Date;
}

export interface InvitationDTO {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
}

export async function listMembers(ctx: WorkspaceContext): Promise<{ members: MemberDTO[]; invitations: InvitationDTO[] }> {
  const prisma = await db();
  const [members, invitations] = await Promise.all([
    prisma.membership.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    }),
    prisma.invitation.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, email: true, role: true, createdAt: true },
    }),
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

export type InviteOutcome = { kind: 'added'; membershipId: string } | { kind: 'invited'; invitationId: string };

export async function inviteMember(ctx: WorkspaceContext, email: string, role: Role): Promise<InviteOutcome> {
  assertCan(ctx, 'member.invite');
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (user) {
      const existing = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: ctx.workspaceId, userId: user.id } },
        select: { id: true },
      });
      if (existing)
        throw new AppError('conflict', `${email} is already a member`, { fieldErrors: { email: ['Already a member of this workspace'] } });
      const m = await tx.membership.create({ data: { workspaceId: ctx.workspaceId, userId: user.id, role }, select: { id: true } });
      await recordAudit(tx, {
        workspaceId: ctx.workspaceId,
        actorId: ctx.userId,
        action: 'member.add',
        targetType: 'membership',
        targetId: m.id,
        data: { email, role },
      });
      return { kind: 'added', membershipId: m.id };
    }
    const inv = await tx.invitation.upsert({
      where: { workspaceId_email: { workspaceId: ctx.workspaceId, email } },
      create: { workspaceId: ctx.workspaceId, email, role, invitedById: ctx.userId },
      update: { role },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.invite',
      targetType: 'invitation',
      targetId: inv.id,
      data: { email, role },
    });
    return { kind: 'invited', invitationId: inv.id };
  });
}

export async function changeRole(ctx: WorkspaceContext, membershipId: string, role: Role): Promise<void> {
  assertCan(ctx, 'member.role_change');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.workspaceId);
    const m = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: ctx.workspaceId },
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

export async function removeMember(ctx: WorkspaceContext, membershipId: string): Promise<void> {
  assertCan(ctx, 'member.remove');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await lockWorkspace(tx, ctx.workspaceId);
    const m = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: ctx.workspaceId },
      select: { id: true, role: true, user: { select: { email: true } } },
    });
    if (!m) throw new AppError('not_found', 'Member not found');
    if (m.role === 'admin') await assertAnotherAdmin(tx, ctx.workspaceId, m.id);
    await tx.membership.delete({ where: { id: m.id } });
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

export async function revokeInvitation(ctx: WorkspaceContext, invitationId: string): Promise<void> {
  assertCan(ctx, 'member.invite');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({
      where: { id: invitationId, workspaceId: ctx.workspaceId },
      select: { id: true, email: true },
    });
    if (!inv) throw new AppError('not_found', 'Invitation not found');
    await tx.invitation.delete({ where: { id: inv.id } });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.invite_revoke',
      targetType: 'invitation',
      targetId: inv.id,
      data: { email: inv.email },
    });
  });
}
