import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from '@/lib/auth-options';
import { findLiveSessionUser } from '@/lib/data/device-sessions';
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
  /** The device session the token names; null for tokens issued before devices were recorded. */
  sessionId: string | null;
}

type SessionClaims = { user?: { id?: string }; sid?: unknown; sessionVersion?: unknown; signedInAt?: unknown };

/**
 * The session of this request, checked against the database once per request: the token's
 * device session must be live (not signed out from the account page) and the token must carry
 * the user's current session version, so a token from before a password change or "sign out
 * everywhere" is no session at all. One query: the user comes with the device session. Tokens
 * from before device sessions were recorded carry no id and are checked by version alone.
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const claims = (await getServerSession(authOptions)) as SessionClaims | null;
  const id = claims?.user?.id;
  if (!id) return null;
  const sessionId = typeof claims.sid === 'string' ? claims.sid : null;
  const row = sessionId ? await findLiveSessionUser(sessionId, id) : await findUserSummary(id);
  if (!row || !isSessionCurrent(claims.sessionVersion, row.sessionVersion)) return null;
  return {
    user: { id: row.id, email: row.email, name: row.name },
    signedInAt: typeof claims.signedInAt === 'number' ? new Date(claims.signedInAt) : null,
    sessionId,
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
