// next-auth v4 configuration: email + password always; GitHub and OIDC only when their
// environment variables are set. Sessions are JWTs carrying the user id, the id of the device
// session recorded at sign-in, the user's session version at sign-in (lib/auth.ts refuses a
// token whose device session has ended or whose version is no longer the user's) and when
// the sign-in happened.
import 'server-only';
import { PrismaAdapter } from '@next-auth/prisma-adapter';
import type { Adapter } from 'next-auth/adapters';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import { env, features } from '@/lib/env';
import { db } from '@/lib/data/db';
import { endSignedOutSession, startDeviceSession } from '@/lib/data/device-sessions';
import { findLoginCandidate, onOAuthUserCreated } from '@/lib/data/users';
import { verifyNoPassword, verifyPassword } from '@/lib/password';
import { signInSchema } from '@/lib/schemas/auth';
import { safeReturnPath } from '@/lib/domain/return-path';
import { clientAddressOf, clientDevice } from '@/lib/request-context';
import { assertMayAttempt, recordFailedSignIn, recordSignIn } from '@/lib/sign-in-throttle';
import { SESSION_MAX_AGE_S } from '@/lib/domain/device';

// The adapter is only needed for OAuth sign-ins; it opens the database lazily.
function lazyAdapter(): Adapter {
  return new Proxy({} as Adapter, {
    get:
      (_t, method: string) =>
      async (...args: unknown[]) => {
        const adapter = PrismaAdapter((await db()) as never) as Record<string, (...a: unknown[]) => unknown>;
        return adapter[method]?.(...args);
      },
  });
}

const oauthProviders: NextAuthOptions['providers'] = [
  ...(features.github ? [GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! })] : []),
  ...(features.oidc
    ? [
        {
          id: 'oidc',
          name: env.OIDC_NAME,
          type: 'oauth' as const,
          wellKnown: `${env.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET!,
          authorization: { params: { scope: 'openid email profile' } },
          idToken: true,
          checks: ['pkce', 'state'] as ('pkce' | 'state')[],
          profile: (p: { sub: string; name?: string; email: string; picture?: string }) => ({
            id: p.sub,
            name: p.name ?? p.email,
            email: p.email,
            image: p.picture ?? null,
          }),
        },
      ]
    : []),
];

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  ...(oauthProviders.length > 0 && { adapter: lazyAdapter() }),
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const address = clientAddressOf(req.headers);
        // Thrown, the message reaches the sign-in form (next-auth passes it as the error).
        try {
          assertMayAttempt(email, address);
        } catch (e) {
          throw new Error((e as Error).message);
        }
        const user = await findLoginCandidate(email);
        const valid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyNoPassword(password);
        if (!user || !valid) {
          recordFailedSignIn(email, address);
          return null;
        }
        recordSignIn(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
    ...oauthProviders,
  ],
  callbacks: {
    // OAuth callbacks carry a callbackUrl: only this site's own paths are followed.
    redirect({ url, baseUrl }) {
      if (url.startsWith('/')) return `${baseUrl}${safeReturnPath(url)}`;
      try {
        return new URL(url).origin === new URL(baseUrl).origin ? url : baseUrl;
      } catch {
        return baseUrl;
      }
    },
    // `user` is only there at sign-in: the claims are written once and never refreshed, so a
    // token cannot bring itself up to a newer session version.
    async jwt({ token, user }) {
      if (user) {
        const device = await startDeviceSession(user.id, await clientDevice());
        token.sub = user.id;
        token.sid = device.id;
        token.sessionVersion = device.version;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      Object.assign(session, { sid: token.sid, sessionVersion: token.sessionVersion, signedInAt: token.signedInAt });
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (typeof token?.sid === 'string' && token.sub) await endSignedOutSession(token.sid, token.sub);
    },
    async createUser({ user }) {
      await onOAuthUserCreated(user.id, user.name ?? user.email ?? 'My workspace');
    },
  },
};
