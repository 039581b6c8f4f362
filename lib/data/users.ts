import 'server-only';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/password';
import type { SignUpInput } from '@/lib/schemas/auth';
import type { Tx } from './audit';
import { db } from './db';
import { isUniqueViolation } from './prisma-errors';
import { createWorkspaceTx, withFreshSlugRetry } from './workspaces';

export interface NewAccount {
  userId: string;
  workspaceSlug: string;
}

/** Sign-up: the user, their personal workspace (as admin), and any pending invitations claimed. */
export async function createAccount(input: SignUpInput): Promise<NewAccount> {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withFreshSlugRetry((attempt) =>
      prisma.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: { email: input.email, name: input.name, passwordHash },
          select: { id: true },
        });
        const workspace = await createWorkspaceTx(tx, user.id, input.name, attempt);
        await claimInvitationsTx(tx, user.id, input.email);
        return { userId: user.id, workspaceSlug: workspace.slug };
      }),
    );
  } catch (e) {
    // Worded so that it does not confirm an account exists (the password was hashed first,
    // so the timing does not tell either).
    if (isUniqueViolation(e, 'email')) {
      const message = 'We could not create an account with this email. If it is yours, sign in instead.';
      throw new AppError('invalid', message, { fieldErrors: { email: [message] } });
    }
    throw e;
  }
}

export async function claimInvitationsTx(tx: Tx, userId: string, email: string): Promise<void> {
  const invitations = await tx.invitation.findMany({ where: { email }, select: { id: true, workspaceId: true, role: true } });
  for (const inv of invitations) {
    await tx.membership.upsert({
      where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId } },
      create: { workspaceId: inv.workspaceId, userId, role: inv.role },
      update: {},
    });
    await tx.invitation.delete({ where: { id: inv.id } });
  }
}

/** For the credentials provider only: the one function that returns a password hash. */
export async function findLoginCandidate(email: string) {
  const prisma = await db();
  return prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

export async function findUserSummary(userId: string) {
  const prisma = await db();
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
}

/** An OAuth sign-up gets the same personal workspace and invitations as an email sign-up. */
export async function onOAuthUserCreated(userId: string, name: string, email: string | null): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await createWorkspaceTx(tx, userId, name);
    if (email) await claimInvitationsTx(tx, userId, email);
  });
}
