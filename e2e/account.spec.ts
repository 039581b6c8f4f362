// Regression (front door, finding 4): a session cookie copied before sign-out kept working for
// the JWT's whole 30 days. Each token now carries the user's session version, checked on every
// request; "sign out everywhere", a password change, a reset link and an admin's removal bump
// it, so a copied cookie stops working at once. Also the account page itself.
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { callAction, newApiClient, signInApi } from './action-client';
import { expect, test, uniqueEmail } from './fixtures';
import { inviteAndAccept } from './helpers';

const ACCOUNT = {
  updateName: 'lib/actions/account.ts#updateName',
  changePassword: 'lib/actions/account.ts#changePassword',
  signOutEverywhere: 'lib/actions/account.ts#signOutEverywhere',
  endSession: 'lib/actions/account.ts#endSession',
  endOtherSessions: 'lib/actions/account.ts#endOtherSessions',
  acceptInvitation: 'lib/actions/invitations.ts#acceptInvitation',
  declineInvitation: 'lib/actions/invitations.ts#declineInvitation',
} as const;

/** A browser context with its own client address, so its failed attempts throttle no other spec. */
function ownAddressContext(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const address = `198.51.100.${randomBytes(1)[0]! % 250}`;
  return browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address }, storageState });
}

/** Another browser holding a copy of `page`'s session cookie, as a thief would. */
async function copiedSession(browser: Browser, page: Page): Promise<BrowserContext> {
  return browser.newContext({ storageState: await page.context().storageState() });
}

/** The status a workspace page answers the copied cookie with: 200 while the session lives, a redirect to sign-in after. */
async function statusWith(context: BrowserContext, path: string): Promise<{ status: number; location?: string }> {
  const res = await context.request.get(path, { maxRedirects: 0 });
  return { status: res.status(), location: res.headers().location };
}

const signedOut = { status: 307, location: expect.stringMatching(/^\/login\?next=/) };

test.describe('sessions end when they should', () => {
  test('"Sign out everywhere" ends a copied session cookie, pages and actions alike', async ({ browser, page, signUp, login }) => {
    const user = await signUp(page);
    const dashboard = `/w/${user.workspaceSlug}`;
    const thief = await copiedSession(browser, page);
    expect(await statusWith(thief, dashboard)).toEqual({ status: 200, location: undefined });

    await page.goto('/account');
    await expect(page.getByTestId('session-since')).toContainText(/This session signed in [A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    expect(await statusWith(thief, dashboard)).toEqual(signedOut);
    expect(await statusWith(thief, '/account')).toEqual({ status: 307, location: '/login?next=%2Faccount' });
    const action = await callAction(thief.request, '/account', ACCOUNT.updateName, [{ name: 'Stolen' }]);
    expect(action).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    // Signing in again works, with a new session.
    await login(page, user);
    expect((await page.goto(dashboard))?.status()).toBe(200);
    await thief.close();
  });

  test('lists each signed-in browser, and signs out one of them or all the others', async ({ browser, page, signUp, login }) => {
    const user = await signUp(page);
    const dashboard = `/w/${user.workspaceSlug}`;
    const octet = 1 + (randomBytes(1)[0]! % 120);
    const [laptopAddress, phoneAddress] = [`203.0.113.${octet}`, `203.0.113.${octet + 100}`];
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
    const laptop = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': laptopAddress }, userAgent: firefox });
    const phone = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': phoneAddress }, userAgent: 'curl/8.5.0' });
    await login(await laptop.newPage(), user);
    await login(await phone.newPage(), user);

    await page.goto('/account');
    const rows = page.getByTestId('device-session');
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: 'This browser' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'This browser' }).getByRole('button')).toHaveCount(0);
    const phoneRow = rows.filter({ hasText: phoneAddress });
    await expect(phoneRow).toContainText('curl 8');
    await expect(rows.filter({ hasText: laptopAddress })).toContainText('Firefox 140 on Linux');

    await phoneRow.getByRole('button', { name: /^Sign out curl 8/ }).click();
    await expect(page.getByRole('status')).toHaveText('Signed out.');
    await expect(rows).toHaveCount(2);
    expect(await statusWith(phone, dashboard), 'the signed-out device').toEqual(signedOut);
    expect(await statusWith(laptop, dashboard), 'the other device').toEqual({ status: 200, location: undefined });

    await page.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await expect(page.getByRole('status')).toHaveText('1 other session signed out.');
    await expect(rows).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Sign out all other sessions' })).toHaveCount(0);
    expect(await statusWith(laptop, dashboard)).toEqual(signedOut);
    expect((await page.goto(dashboard))?.status(), 'this browser stays signed in').toBe(200);

    // Signing out through the header ends this row too: the copied cookie stops working.
    const copy = await copiedSession(browser, page);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await statusWith(copy, dashboard)).toEqual(signedOut);
    await Promise.all([laptop.close(), phone.close(), copy.close()]);
  });

  test('changing the password ends other sessions, keeps this one, and needs the current password', async ({ browser }) => {
    const context = await ownAddressContext(browser);
    const page = await context.newPage();
    const email = uniqueEmail();
    const oldPassword = 'e2e-Old-Password-42';
    const newPassword = 'e2e-New-Password-43';
    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('Pat Password');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(oldPassword);
    await page.getByRole('button', { name: 'Create account', exact: true }).click();
    await page.waitForURL(/\/w\//);
    const dashboard = new URL(page.url()).pathname;
    const thief = await copiedSession(browser, page);

    await page.goto('/account');
    const current = page.getByLabel('Current password', { exact: true });
    const next = page.getByLabel('New password', { exact: true });
    await current.fill('not-the-password');
    await next.fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(current).toHaveAccessibleDescription('Your current password is not correct');

    await current.fill(oldPassword);
    await next.fill(email);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(next).toHaveAccessibleDescription('Password must not be your email address');
    expect(await statusWith(thief, dashboard), 'refused changes end nothing').toEqual({ status: 200, location: undefined });

    await next.fill(newPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status')).toHaveText('Password changed. Every other session is signed out.');

    expect(await statusWith(thief, dashboard)).toEqual(signedOut);
    expect((await page.goto(dashboard))?.status(), 'this browser stays signed in').toBe(200);
    const fresh = await newApiClient(test.info().project.use.baseURL!);
    await expect(signInApi(fresh, email, oldPassword)).rejects.toThrow(/answered 401/);
    await signInApi(fresh, email, newPassword);
    await Promise.all([fresh.dispose(), thief.close(), context.close()]);
  });

  test("an admin's reset link sets the member's password once and ends their sessions; removal ends them too", async ({
    browser,
    page,
    signUp,
  }) => {
    const a = await signUp(page, { name: 'Admin Ari' });
    const memberContext = await browser.newContext();
    const memberPage = await memberContext.newPage();
    const b = await signUp(memberPage, { name: 'Member Bo' });
    await inviteAndAccept(page, memberPage, a.workspaceSlug, b.email, 'editor');

    await page.goto(`/w/${a.workspaceSlug}/settings`);
    await expect(page.getByRole('button', { name: `Reset password of ${a.email}` }), 'not for oneself').toHaveCount(0);
    await page.getByRole('button', { name: `Reset password of ${b.email}` }).click();
    const field = page.getByRole('textbox', { name: 'Password reset link', exact: true });
    await expect(field).toHaveValue(/\/reset\/glr_[0-9A-Za-z]{40}$/);
    const link = await field.inputValue();

    const holderContext = await ownAddressContext(browser);
    const holder = await holderContext.newPage();
    await holder.goto(link);
    await expect(holder.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
    await expect(holder.getByText(b.email)).toBeVisible();
    await holder.getByLabel('New password', { exact: true }).fill('1234567890');
    await holder.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(holder.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(
      'This password is too common; choose another',
    );
    await holder.getByLabel('New password', { exact: true }).fill('e2e-Reset-Password-44');
    await holder.getByRole('button', { name: 'Set password and sign in' }).click();
    await holder.waitForURL((url) => url.pathname.startsWith('/w/'));

    // The member's earlier session is over; the link is used up.
    expect(await statusWith(memberContext, `/w/${a.workspaceSlug}`)).toEqual(signedOut);
    await holder.goto(link);
    await expect(holder.getByRole('alert').filter({ hasText: 'This reset link has already been used.' })).toBeVisible();

    await page.goto(`/w/${a.workspaceSlug}/audit`);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'member.password_reset_issue' })).toContainText(b.email);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'member.password_reset' }).first()).toContainText('Member Bo');

    // An admin's removal ends the member's sessions (the one the reset link signed in).
    expect(await statusWith(holderContext, `/w/${a.workspaceSlug}`)).toEqual({ status: 200, location: undefined });
    await page.goto(`/w/${a.workspaceSlug}/settings`);
    await page.getByTestId(`member-${b.email}`).getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByTestId(`member-${b.email}`)).toHaveCount(0);
    expect(await statusWith(holderContext, '/account')).toEqual({ status: 307, location: '/login?next=%2Faccount' });
    await Promise.all([memberContext.close(), holderContext.close()]);
  });
});

test.describe('the account page', () => {
  test('changes the name shown in the header', async ({ page, signUp }) => {
    await signUp(page, { name: 'Before Name' });
    await page.getByRole('link', { name: 'Before Name' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByLabel('Name', { exact: true }).fill('After Name');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status')).toHaveText('Name saved.');
    await page.getByRole('link', { name: /Back to your workspaces/ }).click();
    await expect(page.getByRole('link', { name: 'After Name' })).toBeVisible();
  });

  test('sends a visitor to sign in and back', async ({ page, signUp, browser }) => {
    const user = await signUp(page);
    const visitor = await browser.newContext();
    const v = await visitor.newPage();
    await v.goto('/account');
    await v.waitForURL((url) => url.pathname === '/login');
    await v.getByLabel('Email', { exact: true }).fill(user.email);
    await v.getByLabel('Password', { exact: true }).fill(user.password);
    await v.getByRole('button', { name: 'Sign in', exact: true }).click();
    await v.waitForURL((url) => url.pathname === '/account');
    await expect(v.getByRole('heading', { name: 'Your account' })).toBeVisible();
    await visitor.close();
  });

  // The matrix (action-authz.spec.ts) has no rows for these: they act on the caller's own
  // account or an invitation's token, not on a workspace. A visitor gets nothing from them.
  test('its actions, and answering an invitation, refuse a visitor', async ({ baseURL }) => {
    const visitor = await newApiClient(baseURL!);
    const token = `gli_${'A'.repeat(40)}`;
    const calls: [string, string, unknown][] = [
      [ACCOUNT.updateName, '/account', { name: 'X' }],
      [ACCOUNT.changePassword, '/account', { currentPassword: 'whatever-it-is', newPassword: 'another-long-one' }],
      [ACCOUNT.signOutEverywhere, '/account', {}],
      [ACCOUNT.endSession, '/account', { sessionId: 'whatever' }],
      [ACCOUNT.endOtherSessions, '/account', {}],
      [ACCOUNT.acceptInvitation, `/invite/${token}`, { token }],
      [ACCOUNT.declineInvitation, `/invite/${token}`, { token }],
    ];
    for (const [key, path, input] of calls) {
      const result = await callAction(visitor, path, key as `${string}.ts#${string}`, [input]);
      expect(result, key).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    await visitor.dispose();
  });
});
