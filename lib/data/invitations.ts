import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan, assertInvitee, type WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import {
  generateOneTimeToken,
  isOneTimeToken,
  TOKEN_TTL_MS,
  tokenRefusal,
  tokenStatus,
  type TokenStatus,
} from '@/lib/domain/one-time-token';
import { hashSecret } from '@/lib/domain/secret-hash';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { isUniqueViolation } from './prisma-errors';

// Invitation links. An admin issues one for an email and a role; the token is returned once
// and only its sha256 is kept. Joining takes the token, while it is valid, by the account
// with that email (assertInvitee): nobody joins a workspace by signing up with an address.

export interface InvitationDTO {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  /** Open invitations only are listed: valid, or expired and not yet revoked. */
  expired: boolean;
}

export interface IssuedInvitation {
  invitationId: string;
  /** The link's token. It exists only in this response: the database keeps its sha256. */
  token: string;
  expiresAt: Date;
}

/** What the invitation page shows to whoever holds the link. */
export interface InvitationView {
  workspaceName: string;
  workspaceSlug: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  expiresAt: Date;
  status: TokenStatus;
}

/** Not accepted, declined or revoked (it may have expired). */
const open = { acceptedAt: null, declinedAt: null, revokedAt: null };

/** Still answerable at `now`: open and unexpired. The one condition every answer is written under, so a link works once. */
const answerable = (now: Date) => ({ ...open, expiresAt: { gt: now } });

const statusOf = (inv: { expiresAt: Date; revokedAt: Date | null; acceptedAt: Date | null; declinedAt: Date | null }, now: Date) =>
  tokenStatus({ expiresAt: inv.expiresAt, revokedAt: inv.revokedAt, usedAt: inv.acceptedAt ?? inv.declinedAt }, now);

export async function listOpenInvitations(ctx: WorkspaceContext): Promise<InvitationDTO[]> {
  const prisma = await db();
  const now = new Date();
  const rows = await prisma.invitation.findMany({
    where: { workspaceId: ctx.workspaceId, ...open },
    orderBy: { createdAt: 'asc' },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  return rows.map((r) => ({ ...r, expired: r.expiresAt.getTime() <= now.getTime() }));
}

/**
 * A new link for `email` as `role`. It replaces (revokes) any open invitation for the same
 * email, so an admin who re-invites is never left with two live links. Whether the email has
 * an account changes nothing here: an existing user, too, joins only by accepting.
 */
export async function inviteMember(ctx: WorkspaceContext, email: string, role: Role): Promise<IssuedInvitation> {
  assertCan(ctx, 'member.invite');
  const token = generateOneTimeToken('invitation', (n) => new Uint8Array(randomBytes(n)));
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS.invitation);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { workspaceId: ctx.workspaceId, user: { email } }, select: { id: true } });
    if (member)
      throw new AppError('conflict', `${email} is already a member`, { fieldErrors: { email: ['Already a member of this workspace'] } });
    const replaced = await tx.invitation.findMany({ where: { workspaceId: ctx.workspaceId, email, ...open }, select: { id: true } });
    for (const old of replaced) await revokeTx(tx, ctx, old.id, email, 'replaced');
    const inv = await tx.invitation.create({
      data: { workspaceId: ctx.workspaceId, email, role, tokenHash: hashSecret(token), invitedById: ctx.userId, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.invite',
      targetType: 'invitation',
      targetId: inv.id,
      data: { email, role, expiresAt: expiresAt.toISOString() },
    });
    return { invitationId: inv.id, token, expiresAt };
  });
}

async function revokeTx(tx: Tx, ctx: WorkspaceContext, invitationId: string, email: string, reason: 'revoked' | 'replaced') {
  const { count } = await tx.invitation.updateMany({ where: { id: invitationId, ...open }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError('conflict', 'This invitation was already accepted, declined or revoked');
  await recordAudit(tx, {
    workspaceId: ctx.workspaceId,
    actorId: ctx.userId,
    action: 'member.invite_revoke',
    targetType: 'invitation',
    targetId: invitationId,
    data: { email, ...(reason === 'replaced' && { reason }) },
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
    await revokeTx(tx, ctx, inv.id, inv.email, 'revoked');
  });
}

/** The invitation a link's token names, whatever its state, or null when no such token was issued. */
export async function findInvitationByToken(token: string): Promise<InvitationView | null> {
  if (!isOneTimeToken('invitation', token)) return null;
  const prisma = await db();
  const inv = await prisma.invitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      email: true,
      role: true,
      invitedById: true,
      expiresAt: true,
      revokedAt: true,
      acceptedAt: true,
      declinedAt: true,
      workspace: { select: { name: true, slug: true } },
    },
  });
  if (!inv) return null;
  const inviter = await prisma.user.findUnique({ where: { id: inv.invitedById }, select: { name: true, email: true } });
  return {
    workspaceName: inv.workspace.name,
    workspaceSlug: inv.workspace.slug,
    email: inv.email,
    role: inv.role,
    invitedBy: inviter ? (inviter.name ?? inviter.email) : null,
    expiresAt: inv.expiresAt,
    status: statusOf(inv, new Date()),
  };
}

export interface Invitee {
  id: string;
  email: string;
}

/** The invitation behind `token`, checked for being answerable by `user`, inside the answering transaction. */
async function answerableTx(tx: Tx, user: Invitee, token: string, now: Date) {
  const inv = isOneTimeToken('invitation', token)
    ? await tx.invitation.findUnique({
        where: { tokenHash: hashSecret(token) },
        select: {
          id: true,
          workspaceId: true,
          email: true,
          role: true,
          expiresAt: true,
          revokedAt: true,
          acceptedAt: true,
          declinedAt: true,
          workspace: { select: { slug: true, name: true } },
        },
      })
    : null;
  if (!inv) throw new AppError('not_found', 'This invitation link is not valid. Check that you copied all of it.');
  const status = statusOf(inv, now);
  if (status !== 'valid') throw new AppError('conflict', tokenRefusal(status, 'invitation'));
  assertInvitee(user, inv);
  return inv;
}

/** The one-time write: it only lands while the invitation is still answerable, so of two answers at once one wins. */
async function markAnswered(
  tx: Tx,
  invitationId: string,
  now: Date,
  data: { acceptedAt: Date; acceptedById: string } | { declinedAt: Date },
) {
  const { count } = await tx.invitation.updateMany({ where: { id: invitationId, ...answerable(now) }, data });
  if (count === 0) throw new AppError('conflict', tokenRefusal('used', 'invitation'));
}

export async function acceptInvitation(user: Invitee, token: string): Promise<{ workspaceSlug: string; membershipId: string }> {
  const prisma = await db();
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const inv = await answerableTx(tx, user, token, now);
      const existing = await tx.membership.findUnique({
        where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId: user.id } },
        select: { id: true },
      });
      if (existing) throw new AppError('conflict', `You are already a member of ${inv.workspace.name}.`);
      await markAnswered(tx, inv.id, now, { acceptedAt: now, acceptedById: user.id });
      const m = await tx.membership.create({
        data: { workspaceId: inv.workspaceId, userId: user.id, role: inv.role },
        select: { id: true },
      });
      await recordAudit(tx, {
        workspaceId: inv.workspaceId,
        actorId: user.id,
        action: 'member.invite_accept',
        targetType: 'invitation',
        targetId: inv.id,
        data: { email: inv.email, role: inv.role, membershipId: m.id },
      });
      return { workspaceSlug: inv.workspace.slug, membershipId: m.id };
    });
  } catch (e) {
    // Two invitations to one workspace accepted at once by the same account: one membership.
    if (isUniqueViolation(e)) throw new AppError('conflict', 'You are already a member of this workspace.');
    throw e;
  }
}

export async function declineInvitation(user: Invitee, token: string): Promise<void> {
  const prisma = await db();
  const now = new Date();
  await prisma.$transaction(async (tx) => {
    const inv = await answerableTx(tx, user, token, now);
    await markAnswered(tx, inv.id, now, { declinedAt: now });
    await recordAudit(tx, {
      workspaceId: inv.workspaceId,
      actorId: user.id,
      action: 'member.invite_decline',
      targetType: 'invitation',
      targetId: inv.id,
      data: { email: inv.email, role: inv.role },
    });
  });
}
