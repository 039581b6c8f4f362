import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { contentSecurityPolicy, newNonce, NONCE_HEADER } from '@/lib/security-headers';

// Every page gets a Content-Security-Policy with a nonce of its own; Next reads the nonce
// from the request's policy and stamps its scripts with it. Layouts cannot see the URL, but
// the sign-in redirect must come back to the exact page the visitor asked for; pass the path
// along. (Authorization itself happens in every page, action and route, never here.)
export function proxy(req: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: env.NODE_ENV === 'development' });
  const headers = new Headers(req.headers);
  headers.set('x-galley-path', req.nextUrl.pathname + req.nextUrl.search);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('content-security-policy', csp);
  return res;
}

// Pages only: the API answers JSON (its headers come from the custom server), and static
// files carry no script. Server-action POSTs are left out too: they answer an RSC payload, not
// a page, and the custom server has already read their body to check it (lib/server/
// front-door.ts), which a proxy that reads the body again would wait for forever.
export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|icon.svg|robots.txt).*)',
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
