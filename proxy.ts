import { NextResponse, type NextRequest } from 'next/server';

// Layouts cannot see the URL, but the sign-in redirect must come back to the exact page the
// visitor asked for; pass the path along. (Authorization itself happens in every page,
// action and route, never here.)
export function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set('x-galley-path', req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ['/w/:path*', '/workspaces/:path*'] };
