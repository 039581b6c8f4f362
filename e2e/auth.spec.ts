import { expect, noExternalRequests, test, uniqueEmail } from './fixtures';

test.describe('authentication', () => {
  test('sign up lands on the personal dashboard; sign out protects it; sign in returns to it', async ({ page, signUp }) => {
    const external = noExternalRequests(page);
    const user = await signUp(page);
    const dashboard = `/w/${user.workspaceSlug}`;

    await expect(page.getByRole('heading', { name: 'Prompts', level: 1 })).toBeVisible();
    await expect(page.getByText('No prompts yet.')).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');

    // The session is gone: the dashboard now sends the visitor to sign in, and back after.
    await page.goto(dashboard);
    await page.waitForURL((url) => url.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(dashboard);

    await page.getByLabel('Email', { exact: true }).fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === dashboard);
    await expect(page.getByRole('heading', { name: 'Prompts', level: 1 })).toBeVisible();

    expect(external()).toEqual([]);
  });

  test('a wrong password is refused with a generic message', async ({ browser, page, signUp }) => {
    const user = await signUp(page);

    const visitor = await browser.newContext();
    const other = await visitor.newPage();
    await other.goto('/login');
    await other.getByLabel('Email', { exact: true }).fill(user.email);
    await other.getByLabel('Password', { exact: true }).fill('not-the-right-password');
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(other.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' })).toBeVisible();
    expect(new URL(other.url()).pathname).toBe('/login');
    // Still signed out: a workspace page still redirects.
    await other.goto(`/w/${user.workspaceSlug}`);
    await other.waitForURL((url) => url.pathname === '/login');
    await visitor.close();
  });

  test('sign-up shows a field error under each invalid field and stays on /signup', async ({ page }) => {
    await page.goto('/signup');
    await page.getByLabel('Name', { exact: true }).fill('   ');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account', exact: true }).click();

    // Each error is the field's accessible description, i.e. rendered with and tied to that field.
    await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription('Enter your name');
    await expect(page.getByLabel('Email', { exact: true })).toHaveAccessibleDescription('Enter a valid email address');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription('Password must be at least 10 characters');
    for (const message of ['Enter your name', 'Enter a valid email address', 'Password must be at least 10 characters']) {
      await expect(page.getByRole('alert').filter({ hasText: message })).toBeVisible();
    }
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    expect(new URL(page.url()).pathname).toBe('/signup');
  });

  test('sign-up with an email that already has an account shows an error under Email', async ({ browser, page, signUp }) => {
    const email = uniqueEmail();
    await signUp(page, { email });

    const visitor = await browser.newContext();
    const other = await visitor.newPage();
    await other.goto('/signup');
    await other.getByLabel('Name', { exact: true }).fill('Someone Else');
    // Case and surrounding spaces must not make it a different account.
    await other.getByLabel('Email', { exact: true }).fill(` ${email.toUpperCase()} `);
    await other.getByLabel('Password', { exact: true }).fill('another-Long-password-1');
    await other.getByRole('button', { name: 'Create account', exact: true }).click();

    await expect(other.getByLabel('Email', { exact: true })).toHaveAccessibleDescription(/could not create an account with this email/);
    expect(new URL(other.url()).pathname).toBe('/signup');
    await visitor.close();
  });

  test('the seeded demo admin signs in to acme-support and sees the seeded prompts', async ({ page, login }) => {
    await login(page, { email: 'demo@galley.local', password: 'galley-demo' });

    await page.waitForURL((url) => url.pathname === '/w/acme-support');
    const list = page.getByRole('list', { name: 'Prompts' });
    await expect(list.getByRole('link', { name: /Support agent/ })).toBeVisible();
    // Released as v1, with a later draft revision on top.
    await expect(list.getByRole('listitem').filter({ hasText: 'Support agent' })).toContainText('v1 live · draft changed');
    await expect(list.getByRole('link', { name: /Release notes writer/i })).toBeVisible();
    await expect(list.getByRole('link', { name: /SQL explainer/i })).toBeVisible();
  });
});
