// Regression: no security headers were sent, and a page on another origin could frame
// /w/<ws>/settings signed in.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('security headers', () => {
  it('allows scripts only with the page nonce, never inline or eval in production', () => {
    const csp = directives(contentSecurityPolicy('abc123'));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toContain("'self'");
    expect(directives(contentSecurityPolicy('n', { dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('forbids framing and sniffing, and sends HSTS only over HTTPS', () => {
    expect(securityHeaders({ https: false })).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    expect(securityHeaders({ https: false })['strict-transport-security']).toBeUndefined();
    expect(securityHeaders({ https: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
  });

  it('makes a different nonce each time', () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
