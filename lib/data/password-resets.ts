import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan, assertMayResetPassword, type WorkspaceContext } from '@/lib/authz';
import {
  generateOneTimeToken,
  isOneTimeToken,
  TOKEN_TTL_MS,
  tokenRefusal,
  tokenStatus,
  type TokenStatus,
} from '@/lib/domain/one-time-token';
import { passwordProblem } from '@/lib/domain/password-rules';
import { hashSecret } from '@/lib/domain/secret-hash';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/password';
import { recordAudit } from './audit';
import { db } from './db';

// Password reset links: an admin issues one for a member (there is no email to send a "forgot
// password" message to yet); whoever opens it sets the member's password once, within the hour,
// and every session of the member ends.

export interface IssuedReset {
  /** The link's token. It exists only in this response: the database keeps its sha256. */
  token: string;
  expiresAt: Date;
}

export interface ResetView {
  email: string;
  status: TokenStatus;
}

export async function issuePasswordReset(ctx: WorkspaceContext, membershipId: string): Promise<IssuedReset> {
  assertCan(ctx, 'member.reset_password');
  const prisma = await db();
  const token = generateOneTimeToken('password_reset', (n) => new Uint8Array(randomBytes(n)));
  const expiresAt = new Date(Date.now() + TOKEN_TTL_MS.password_reset);
  return prisma.$transaction(async (tx) => {
    // A service member has no password to reset: a link would let its holder sign in as the token.
    const m = await tx.membership.findFirst({
      where: { id: membershipId, workspaceId: ctx.workspaceId, user: { isService: false } },
      select: { id: true, user: { select: { id: true, email: true } } },
    });
    if (!m) throw new AppError('not_found', 'Member not found');
    if (m.user.id === ctx.userId) throw new AppError('invalid', 'Change your own password on your account page.');
    // Every workspace the member is in, as the issuer sees it (authz decides what that allows).
    const theirs = await tx.membership.findMany({
      where: { userId: m.user.id },
      select: {
        workspace: {
          select: {
            _count: { select: { memberships: true, prompts: true } },
            memberships: { where: { userId: ctx.userId, role: 'admin' }, select: { id: true } },
          },
        },
      },
    });
    assertMayResetPassword(
      m.user.email,
      theirs.map(({ workspace: w }) => ({
        issuerIsAdmin: w.memberships.length > 0,
        otherMembers: w._count.memberships - 1,
        prompts: w._count.prompts,
      })),
    );
    // One live link per member: a new one replaces any the member has not used.
    await tx.passwordReset.deleteMany({ where: { userId: m.user.id, usedAt: null } });
    const reset = await tx.passwordReset.create({
      data: { userId: m.user.id, workspaceId: ctx.workspaceId, tokenHash: hashSecret(token), createdById: ctx.userId, expiresAt },
      select: { id: true },
    });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'member.password_reset_issue',
      targetType: 'membership',
      targetId: m.id,
      data: { email: m.user.email, resetId: reset.id, expiresAt: expiresAt.toISOString() },
    });
    return { token, expiresAt };
  });
}

async function findByToken(token: string) {
  if (!isOneTimeToken('password_reset', token)) return null;
  const prisma = await db();
  return prisma.passwordReset.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: { id: true, workspaceId: true, expiresAt: true, usedAt: true, user: { select: { id: true, email: true } } },
  });
}

/** What the reset page shows: whose password the link sets, and whether it still works. Null when no such token was issued. */
export async function findPasswordReset(token: string): Promise<ResetView | null> {
  const reset = await findByToken(token);
  return reset && { email: reset.user.email, status: tokenStatus(reset, new Date()) };
}

/** Sets the password through the link, once; ends every session of the member. Returns the email to sign in with. */
export async function resetPassword(token: string, password: string): Promise<{ email: string }> {
  const reset = await findByToken(token);
  if (!reset) throw new AppError('not_found', 'This reset link is not valid. Check that you copied all of it.');
  const now = new Date();
  const status = tokenStatus(reset, now);
  if (status !== 'valid') throw new AppError('conflict', tokenRefusal(status, 'reset link'));
  const problem = passwordProblem(password, reset.user.email);
  if (problem) throw new AppError('invalid', problem, { fieldErrors: { password: [problem] } });
  const passwordHash = await hashPassword(password);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    // The one-time write: of two uses at once, one lands.
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw new AppError('conflict', tokenRefusal('used', 'reset link'));
    await tx.user.update({ where: { id: reset.user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      workspaceId: reset.workspaceId,
      actorId: reset.user.id,
      action: 'member.password_reset',
      targetType: 'user',
      targetId: reset.user.id,
      data: { email: reset.user.email, resetId: reset.id },
    });
  });
  return { email: reset.user.email };
}
