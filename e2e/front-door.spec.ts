// The front door, as an attacker tries it. Each test's header names the finding it guards:
// sign-in throttling, the open redirect after sign-in, malformed requests that answered a
// bare 500, NUL characters and deep nesting in action input, and account enumeration.
import { randomBytes } from 'node:crypto';
import { request as playwrightRequest, type APIRequestContext, type APIResponse } from '@playwright/test';
import { callAction, loadActionIds, newApiClient, signInApi } from './action-client';
import { expect, test, uniqueEmail } from './fixtures';
import { ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

const PASSWORD = 'e2e-Front-Door-42';
const ACTION_HEADERS = { 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' };

// The e2e server trusts X-Forwarded-For (GALLEY_TRUST_PROXY), so each client here has an
// address of its own and its failures do not throttle the other specs' sign-ins.
function clientFrom(baseURL: string): Promise<APIRequestContext> {
  const address = `198.51.100.${randomBytes(1)[0]! % 250}`;
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address } });
}

test.describe('the front door', () => {
  // Finding 1: 50 wrong passwords answered fast with no lockout, and the right one then worked.
  // (The lock's length and its end are unit-tested in lib/domain/throttle.test.ts.)
  test('a run of wrong passwords locks the account, whatever the address, with a message that names the wait', async ({
    baseURL,
    page,
  }) => {
    const email = uniqueEmail();
    const visitor = await clientFrom(baseURL!);
    ok(await callAction(visitor, '/signup', KEYS.signUp, [{ name: 'Locked Out', email, password: PASSWORD }]), 'signUp');
    for (let i = 0; i < 5; i++) await expect(signInApi(visitor, email, 'wrong-password-123')).rejects.toThrow(/answered 401/);

    // The right password, from another client (the browser), is refused while the lock lasts.
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /Too many failed attempts\. Wait \d+ seconds? and try again\./ })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/login');
    const session = (await (await page.request.get('/api/auth/session')).json()) as { user?: unknown };
    expect(session.user).toBeUndefined();
    await visitor.dispose();
  });

  // Finding 2: /login?next=/%5Cevil.example/ sent the browser to http://evil.example/.
  test('after sign-in only same-origin paths are followed', async ({ baseURL, page }) => {
    const email = uniqueEmail();
    const visitor = await newApiClient(baseURL!);
    const { workspaceSlug } = ok(
      await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name: 'Redirected', email, password: PASSWORD }]),
      'signUp',
    );
    await page.goto('/login?next=/%5Cevil.example/');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.origin === new URL(baseURL!).origin && url.pathname !== '/login');
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);

    // Signed in already, the server redirects at once: never off the site.
    const member = await newApiClient(baseURL!);
    await signInApi(member, email, PASSWORD);
    for (const next of ['/%5Cevil.example/', '/%5C/evil.example/', '/%09/evil.example/', '//evil.example/']) {
      const res = await member.get(`/login?next=${next}`, { maxRedirects: 0 });
      expect(res.status(), next).toBe(307);
      expect(res.headers().location, next).toBe('/');
    }
    const kept = await member.get(`/login?next=${encodeURIComponent(`/w/${workspaceSlug}/settings`)}`, { maxRedirects: 0 });
    expect(kept.headers().location).toBe(`/w/${workspaceSlug}/settings`);
    await Promise.all([visitor.dispose(), member.dispose()]);
  });

  // Finding 11: these answered a bare "Internal Server Error" (500), even without a session.
  test('malformed requests get a 4xx that names the problem', async ({ baseURL }) => {
    const client = await clientFrom(baseURL!);
    const id = loadActionIds().get(KEYS.signUp)!;
    const post = (data: string | Buffer, headers: Record<string, string> = ACTION_HEADERS) =>
      client.post('/signup', { headers: { 'Next-Action': id, ...headers }, data, maxRedirects: 0 });
    const cases: [string, Promise<APIResponse>, number, RegExp][] = [
      ['broken URL encoding', client.get('/w/%E0%A4%A'), 400, /not valid URL encoding/],
      ['non-JSON action body', post('not json{'), 400, /not valid JSON/],
      ['empty action body', post(''), 400, /has no body/],
      [
        'junk multipart',
        post('junkjunk', { 'Content-Type': 'multipart/form-data; boundary=xyz', Accept: 'text/x-component' }),
        400,
        /multipart/,
      ],
      ['over 1 MB', post(Buffer.alloc(1024 * 1024 + 10, 'a')), 413, /over 1 MB/],
      // Finding 7: ~2,000 levels of nesting threw a RangeError before authentication.
      ['nested 3,000 deep', post(`[${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}]`), 400, /nests deeper than 64 levels/],
    ];
    for (const [what, response, status, message] of cases) {
      const res = await response;
      expect(res.status(), what).toBe(status);
      expect(await res.text(), what).toMatch(message);
      expect(res.headers()['x-content-type-options'], what).toBe('nosniff');
    }
    await client.dispose();
  });

  // Finding 6: U+0000 in a name gave {code:"internal"} on every retry (PostgreSQL refuses it).
  test('a NUL character is a field error naming the field, and nothing is created', async ({ baseURL }) => {
    const client = await clientFrom(baseURL!);
    const email = uniqueEmail();
    const refused = await callAction(client, '/signup', KEYS.signUp, [{ name: 'Nul\u0000Name', email, password: PASSWORD }]);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
      fieldErrors: { name: [expect.stringMatching(/NUL character/)] },
    });
    // The address is free, so nothing was stored.
    ok(await callAction(client, '/signup', KEYS.signUp, [{ name: 'Clean Name', email, password: PASSWORD }]), 'signUp');
    await client.dispose();
  });

  // Finding 10: sign-up said "an account with this email already exists".
  test('signing up with a taken email does not say that an account exists', async ({ baseURL }) => {
    const client = await clientFrom(baseURL!);
    const email = uniqueEmail();
    ok(await callAction(client, '/signup', KEYS.signUp, [{ name: 'First', email, password: PASSWORD }]), 'signUp');
    const again = await callAction(client, '/signup', KEYS.signUp, [{ name: 'Second', email, password: PASSWORD }]);
    expect(again.ok).toBe(false);
    expect(JSON.stringify(again)).not.toMatch(/exists/i);
    await client.dispose();
  });
});
