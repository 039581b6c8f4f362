import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from '@/lib/auth-options';
import { findUserSummary } from '@/lib/data/users';
import { AppError } from '@/lib/errors';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user, checked against the database once per request. */
export const auth = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return findUserSummary(id);
});

/** For actions and routes: no session is a 401, never a redirect. */
export async function requireUser(): Promise<SessionUser> {
  const user = await auth();
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue');
  return user;
}

/** For pages: no session sends the visitor to sign in, then back. */
export async function requirePageUser(returnTo: string): Promise<SessionUser> {
  const user = await auth();
  if (!user) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  return user;
}
