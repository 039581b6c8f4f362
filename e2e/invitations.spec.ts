// Regression (front door, finding 3): an invitation for new@x.test as publisher made anyone
// who signed up with that email a publisher, and inviting an existing user added them without
// asking. A workspace is now joined only through an invitation link: one-time, expiring,
// revocable, shown once to the admin, and answered by the account with the invited email.
import type { Page } from '@playwright/test';
import { callAction } from './action-client';
import { expect, test, uniqueEmail } from './fixtures';
import { createInvitationLink } from './helpers';

const ACCEPT = 'lib/actions/invitations.ts#acceptInvitation';

/** Opens the invitation link and expects the offer: the workspace and the role. */
async function expectOffer(page: Page, link: string, workspaceName: string, role: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Join ${workspaceName}` })).toBeVisible();
  await expect(page.getByTestId('invitation-role')).toHaveText(role);
}

test.describe('invitation links', () => {
  test('signing up with an invited email joins nothing; the link then joins with the invited role', async ({ browser, page, signUp }) => {
    const a = await signUp(page, { name: 'Owner Ada' });
    const email = uniqueEmail();
    const link = await createInvitationLink(page, a.workspaceSlug, email, 'publisher');
    await expect(page.getByTestId(`invitation-${email}`)).toContainText('publisher · pending');

    const context = await browser.newContext();
    const invitee = await context.newPage();
    await signUp(invitee, { email });
    // The regression: this sign-up used to be a publisher of A's workspace at once.
    expect((await invitee.goto(`/w/${a.workspaceSlug}`))?.status()).toBe(404);

    await expectOffer(invitee, link, 'Owner Ada', 'publisher');
    await invitee.getByRole('button', { name: 'Accept and join as publisher', exact: true }).click();
    await invitee.waitForURL((url) => url.pathname === `/w/${a.workspaceSlug}`);
    await expect(invitee.getByTitle('Your role in this workspace')).toHaveText('publisher');

    await page.reload();
    await expect(page.getByTestId(`invitation-${email}`)).toHaveCount(0);
    await expect(page.getByLabel(`Role of ${email}`)).toHaveValue('publisher');

    // Used once: the link now only says so, and a bare accept of it is refused.
    await invitee.goto(link);
    await expect(invitee.getByText(`You are already a member of Owner Ada.`)).toBeVisible();
    const again = await callAction(context.request, new URL(link).pathname, ACCEPT, [{ token: new URL(link).pathname.split('/').pop() }]);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await context.close();
  });

  test('a visitor with the link creates an account with the invited email and comes back to accept', async ({ browser, page, signUp }) => {
    const a = await signUp(page, { name: 'Team Tess' });
    const email = uniqueEmail();
    const link = await createInvitationLink(page, a.workspaceSlug, email, 'editor');

    const context = await browser.newContext();
    const visitor = await context.newPage();
    await expectOffer(visitor, link, 'Team Tess', 'editor');
    await expect(visitor.getByRole('button', { name: /Accept/ })).toHaveCount(0);
    await visitor.getByRole('link', { name: 'Create an account' }).click();
    await visitor.waitForURL((url) => url.pathname === '/signup');
    await expect(visitor.getByLabel('Email', { exact: true })).toHaveValue(email);
    await visitor.getByLabel('Name', { exact: true }).fill('New Nadia');
    await visitor.getByLabel('Password', { exact: true }).fill('e2e-Invited-Password-7');
    await visitor.getByRole('button', { name: 'Create account', exact: true }).click();

    await visitor.waitForURL((url) => url.pathname === new URL(link).pathname);
    await visitor.getByRole('button', { name: 'Accept and join as editor', exact: true }).click();
    await visitor.waitForURL((url) => url.pathname === `/w/${a.workspaceSlug}`);
    await expect(visitor.getByRole('link', { name: 'New prompt' })).toBeVisible();
    await context.close();
  });

  test('another account cannot answer it, even with the link; the invited one signs in, comes back and declines', async ({
    browser,
    page,
    signUp,
  }) => {
    const a = await signUp(page, { name: 'Owner Olga' });
    const wrongContext = await browser.newContext();
    const wrong = await wrongContext.newPage();
    const w = await signUp(wrong);
    const inviteeContext = await browser.newContext();
    const inviteePage = await inviteeContext.newPage();
    const invitee = await signUp(inviteePage);
    await inviteeContext.close();

    const link = await createInvitationLink(page, a.workspaceSlug, invitee.email, 'admin');
    const path = new URL(link).pathname;
    await expectOffer(wrong, link, 'Owner Olga', 'admin');
    await expect(
      wrong.getByRole('alert').filter({ hasText: `You are signed in as ${w.email}, but this invitation is for ${invitee.email}.` }),
    ).toBeVisible();
    await expect(wrong.getByRole('button', { name: /Accept/ })).toHaveCount(0);
    // The server refuses it too, whatever the page shows.
    const forced = await callAction(wrongContext.request, path, ACCEPT, [{ token: path.split('/').pop() }]);
    expect(forced).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await wrong.goto(`/w/${a.workspaceSlug}`))?.status()).toBe(404);

    // Signing out from the invitation leads to sign-in and back to it.
    await wrong.goto(link);
    await wrong.getByRole('button', { name: 'Sign out' }).click();
    await wrong.waitForURL((url) => url.pathname === '/login');
    await wrong.getByLabel('Email', { exact: true }).fill(invitee.email);
    await wrong.getByLabel('Password', { exact: true }).fill(invitee.password);
    await wrong.getByRole('button', { name: 'Sign in', exact: true }).click();
    await wrong.waitForURL((url) => url.pathname === path);
    await wrong.getByRole('button', { name: 'Decline', exact: true }).click();
    await expect(wrong.getByRole('status')).toContainText('You declined the invitation to Owner Olga.');

    await page.reload();
    await expect(page.getByTestId(`invitation-${invitee.email}`)).toHaveCount(0);
    await expect(page.getByTestId(`member-${invitee.email}`)).toHaveCount(0);
    await wrong.goto(link);
    await expect(wrong.getByRole('alert').filter({ hasText: 'This invitation has already been used.' })).toBeVisible();
    await wrongContext.close();
  });

  test('a revoked link no longer works, and a mangled one is not found', async ({ browser, page, signUp }) => {
    const a = await signUp(page, { name: 'Owner Rex' });
    const email = uniqueEmail();
    const link = await createInvitationLink(page, a.workspaceSlug, email, 'viewer');
    await page.reload();
    await page.getByRole('button', { name: `Revoke invitation of ${email}` }).click();
    await expect(page.getByTestId(`invitation-${email}`)).toHaveCount(0);

    const context = await browser.newContext();
    const visitor = await context.newPage();
    await expectOffer(visitor, link, 'Owner Rex', 'viewer');
    await expect(visitor.getByRole('alert').filter({ hasText: 'This invitation was revoked by an admin.' })).toBeVisible();
    await expect(visitor.getByRole('link', { name: 'Sign in to accept' })).toHaveCount(0);

    await visitor.goto(`${link.slice(0, -1)}${link.endsWith('x') ? 'y' : 'x'}`);
    await expect(visitor.getByRole('heading', { name: 'Invitation not found' })).toBeVisible();
    await expect(visitor.getByText('Owner Rex')).toHaveCount(0);
    await context.close();
  });
});
