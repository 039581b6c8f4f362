import 'server-only';
import { AppError } from '@/lib/errors';
import { hashPassword } from '@/lib/password';
import type { SignUpInput } from '@/lib/schemas/auth';
import { db } from './db';
import { isUniqueViolation } from './prisma-errors';
import { createWorkspaceTx, withFreshSlugRetry } from './workspaces';

export interface NewAccount {
  userId: string;
  workspaceSlug: string;
}

/**
 * Sign-up: the user and their personal workspace (as admin). Nothing else: an invitation to
 * the same email is joined only through its link (lib/data/invitations.ts), since signing up
 * proves nothing about owning the address.
 */
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

/** For the credentials provider only: the one function that returns a password hash. */
export async function findLoginCandidate(email: string) {
  const prisma = await db();
  return prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

/** Who a session belongs to, with the session version its token must carry (lib/auth.ts). */
export async function findUserSummary(userId: string) {
  const prisma = await db();
  return prisma.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, sessionVersion: true } });
}

/** An OAuth sign-up gets the same personal workspace as an email sign-up (and, like it, joins others only by invitation link). */
export async function onOAuthUserCreated(userId: string, name: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction((tx) => createWorkspaceTx(tx, userId, name));
}
