// The headers that keep a browser from being turned against Galley: a Content-Security-Policy
// with a fresh nonce per page (no inline script runs without it; Monaco's worker comes from
// this origin), no framing by any site, no MIME sniffing, a strict referrer, no powerful
// browser features, and HSTS when the site is served over HTTPS. Pure: no env, no I/O.

/** The nonce's header on the request, where Next finds it and stamps its own scripts. */
export const NONCE_HEADER = 'x-nonce';

export function contentSecurityPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts that a nonced script loads (Next's chunks, Monaco) may run;
    // nothing else. React's dev overlay needs eval, and only in development.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // Monaco and React set style attributes at run time; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Headers for every response, pages and API alike. */
export function securityHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'cross-origin-opener-policy': 'same-origin',
    ...(https && { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }),
  };
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
