import { describe, expect, it } from 'vitest';
import { requestIdOf, routeLabel, statusClass } from './request-labels';

describe('routeLabel', () => {
  it.each([
    ['GET', '/api/v1/prompts/support-agent?version=3', 'api_v1'],
    ['POST', '/api/v1/prompts/x/render', 'api_v1'],
    ['GET', '/api/v1', 'api_v1'],
    ['GET', '/api/public/v2/prompts/x?label=production', 'api_public'],
    ['POST', '/api/mcp', 'api_mcp'],
    ['GET', '/api/auth/session', 'api_auth'],
    ['GET', '/api/health', 'probe'],
    ['GET', '/api/ready', 'probe'],
    ['GET', '/api/v10/prompts', 'api_other'],
    ['GET', '/api/no-such-endpoint', 'api_other'],
    ['GET', '/metrics', 'metrics'],
    ['GET', '/_next/static/chunks/app.js', 'static'],
    ['GET', '/_next/image?url=x', 'static'],
    ['GET', '/icon.svg', 'static'],
    ['GET', '/robots.txt?x=1', 'static'],
    ['GET', '/', 'page'],
    ['GET', '/w/acme/prompts/support-agent?_rsc=1x', 'page'],
    ['GET', '/invite/0123456789abcdef', 'page'],
  ])('%s %s → %s', (method, url, label) => {
    expect(routeLabel(method, url, undefined)).toBe(label);
  });

  it('labels a server action by its header, whatever page it is posted to', () => {
    expect(routeLabel('POST', '/w/acme/prompts/x', 'a1b2c3')).toBe('action');
    expect(routeLabel('GET', '/w/acme/prompts/x', 'a1b2c3')).toBe('page');
    expect(routeLabel('POST', '/w/acme/prompts/x', undefined)).toBe('page');
  });

  it('never puts the URL in the label', () => {
    const labels = new Set(['/w/a', '/w/b/prompts/c', '/reset/secret-token', '/x/y/z.png'].map((u) => routeLabel('GET', u, undefined)));
    expect([...labels].sort()).toEqual(['page', 'static']);
  });
});

describe('requestIdOf', () => {
  it('keeps a sane incoming id', () => {
    for (const id of [
      '7b1e1f7c-8d6f-4a49-9c1e-0d1f2e3a4b5c',
      '01HZX3K5M9',
      'Root=1-67891233-abcdef012345678912345678;Parent=463ac35c9f6413ad',
    ]) {
      expect(requestIdOf(id)).toBe(id);
    }
  });

  it('replaces a missing, repeated, overlong or unsafe one with a fresh UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const incoming of [undefined, '', ['a', 'b'], 'x'.repeat(129), 'id with spaces', 'id"}\n{"level":"fatal', 'caf\u00e9']) {
      expect(requestIdOf(incoming)).toMatch(uuid);
    }
    expect(requestIdOf(undefined)).not.toBe(requestIdOf(undefined));
  });
});

describe('statusClass', () => {
  it('groups statuses by their first digit', () => {
    expect([200, 304, 404, 499, 503].map(statusClass)).toEqual(['2xx', '3xx', '4xx', '4xx', '5xx']);
    expect(statusClass(42)).toBe('other');
  });
});
