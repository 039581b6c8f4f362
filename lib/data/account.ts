import 'server-only';
import type { SessionUser } from '@/lib/auth';
import { passwordProblem } from '@/lib/domain/password-rules';
import { AppError } from '@/lib/errors';
import { hashPassword, verifyPassword } from '@/lib/password';
import { db } from './db';

// A signed-in user's own account: name, password, sessions. The actor is the user; nothing
// here takes another user's id.

export async function updateName(user: SessionUser, name: string): Promise<void> {
  const prisma = await db();
  await prisma.user.update({ where: { id: user.id }, data: { name } });
}

export class WrongPasswordError extends AppError {
  constructor() {
    const message = 'Your current password is not correct';
    super('invalid', message, { fieldErrors: { currentPassword: [message] } });
  }
}

/**
 * Checks the current password, sets the new one and ends every session (this one included:
 * the caller signs in again with the new password). A wrong current password is a
 * WrongPasswordError, which the action counts as a failed sign-in.
 */
export async function changePassword(user: SessionUser, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const prisma = await db();
  const row = await prisma.user.findUnique({ where: { id: user.id }, select: { email: true, passwordHash: true } });
  if (!row) throw new AppError('unauthenticated', 'Sign in to continue');
  if (!row.passwordHash) {
    const message = 'This account signs in with GitHub or single sign-on and has no password to change';
    throw new AppError('invalid', message, { fieldErrors: { currentPassword: [message] } });
  }
  if (!(await verifyPassword(input.currentPassword, row.passwordHash))) throw new WrongPasswordError();
  const problem = passwordProblem(input.newPassword, row.email);
  if (problem) throw new AppError('invalid', problem, { fieldErrors: { newPassword: [problem] } });
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.user.update({ where: { id: user.id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
}

/** Ends every session of the user, on every device: their tokens carry the old version from now on. */
export async function signOutEverywhere(user: SessionUser): Promise<void> {
  const prisma = await db();
  await prisma.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
}
