// Regression: `/login?next=/%5Cevil.example/` sent the browser to http://evil.example/ after
// signing in (and, signed in already, the server answered 307 to `/\evil.example/`);
// `/%5C/…` and `/%09/…` worked too. Only same-origin paths may be followed.
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeReturnPath('/w/acme/prompts/greeter?tab=history#r3')).toBe('/w/acme/prompts/greeter?tab=history#r3');
    expect(safeReturnPath(['/w/acme', '/other'])).toBe('/w/acme');
  });

  it.each([
    '/\\evil.example/',
    '/\\/evil.example/',
    '//evil.example/',
    '/\t/evil.example/',
    '/\n/evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /w/acme',
    '',
  ])('refuses %j', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('falls back to the home page when nothing is given', () => {
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });

  it('normalizes dot segments instead of following them off the path', () => {
    expect(safeReturnPath('/w/../../etc')).toBe('/etc');
  });
});
