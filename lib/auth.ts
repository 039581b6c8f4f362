import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from '@/lib/auth-options';
import { findUserSummary } from '@/lib/data/users';
import { isSessionCurrent } from '@/lib/domain/session-version';
import { AppError } from '@/lib/errors';

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

export interface CurrentSession {
  user: SessionUser;
  /** When this session signed in; null for tokens issued before Galley recorded it. */
  signedInAt: Date | null;
}

type SessionClaims = { user?: { id?: string }; sessionVersion?: unknown; signedInAt?: unknown };

/**
 * The session of this request, checked against the database once per request: the user must
 * exist and the token must carry their current session version, so a token from before a
 * password change or "sign out everywhere" is no session at all (the same lookup as before,
 * with one more column: nothing extra per request).
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const claims = (await getServerSession(authOptions)) as SessionClaims | null;
  const id = claims?.user?.id;
  if (!id) return null;
  const row = await findUserSummary(id);
  if (!row || !isSessionCurrent(claims.sessionVersion, row.sessionVersion)) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name },
    signedInAt: typeof claims.signedInAt === 'number' ? new Date(claims.signedInAt) : null,
  };
});

/** The signed-in user, or null. */
export const auth = cache(async (): Promise<SessionUser | null> => (await currentSession())?.user ?? null);

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
