import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inviteAndAccept } from './helpers';

async function createPrompt(page: Page, workspaceSlug: string, name: string): Promise<string> {
  await page.goto(`/w/${workspaceSlug}/prompts/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  const slug = await page.getByLabel('Slug', { exact: true }).inputValue();
  await page.getByRole('button', { name: 'Create prompt', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/w/${workspaceSlug}/prompts/${slug}`);
  return slug;
}

/** Every page of a workspace that exists today; each needs a cross-workspace test. */
function workspaceUrls(workspaceSlug: string, promptSlug: string): string[] {
  const base = `/w/${workspaceSlug}`;
  return [base, `${base}/settings`, `${base}/prompts/new`, `${base}/prompts/${promptSlug}`];
}

test.describe('workspace isolation', () => {
  test('a member of another workspace gets a 404 for every page of it', async ({ browser, page, signUp }) => {
    const a = await signUp(page);
    const promptSlug = await createPrompt(page, a.workspaceSlug, 'Secret plan');

    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    await signUp(pageB);

    for (const url of workspaceUrls(a.workspaceSlug, promptSlug)) {
      // Control: the owner sees the page.
      expect((await page.goto(url))?.status(), `A on ${url}`).toBe(200);

      const response = await pageB.goto(url);
      expect(response?.status(), `B on ${url}`).toBe(404);
      await expect(pageB.getByRole('heading', { name: 'Not found' })).toBeVisible();
      await expect(pageB.getByText('Secret plan')).toHaveCount(0);
      expect(new URL(pageB.url()).pathname).toBe(url);
    }

    // A workspace that does not exist looks exactly the same as one B is not in.
    const missing = await pageB.goto('/w/no-such-workspace-e2e');
    expect(missing?.status()).toBe(404);
    await expect(pageB.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await contextB.close();
  });

  test('a visitor who is not signed in is sent to sign in from every workspace page', async ({ browser, page, signUp }) => {
    const a = await signUp(page);
    const promptSlug = await createPrompt(page, a.workspaceSlug, 'Secret plan');

    const visitor = await browser.newContext();
    const pageV = await visitor.newPage();
    for (const url of workspaceUrls(a.workspaceSlug, promptSlug)) {
      await pageV.goto(url);
      await pageV.waitForURL((u) => u.pathname === '/login');
      // Signing in must lead back to the page asked for, not only to the workspace.
      expect.soft(new URL(pageV.url()).searchParams.get('next'), `next= after visiting ${url}`).toBe(url);
      await expect(pageV.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await expect(pageV.getByText('Secret plan')).toHaveCount(0);
    }
    await visitor.close();
  });
});

test.describe('members and roles', () => {
  test('a viewer can read but not create; promoted to editor they can create', async ({ browser, page, signUp }) => {
    const a = await signUp(page);
    const promptSlug = await createPrompt(page, a.workspaceSlug, 'Shared prompt');

    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    const b = await signUp(pageB);

    // A invites B (an existing account) as a viewer; B accepts the link.
    await inviteAndAccept(page, pageB, a.workspaceSlug, b.email, 'viewer');
    await page.goto(`/w/${a.workspaceSlug}/settings`);
    await expect(page.getByTestId(`member-${b.email}`)).toBeVisible();
    await expect(page.getByLabel(`Role of ${b.email}`)).toHaveValue('viewer');

    // B can now read A's workspace and prompt.
    const dashboard = await pageB.goto(`/w/${a.workspaceSlug}`);
    expect(dashboard?.status()).toBe(200);
    await expect(pageB.getByRole('heading', { name: 'Prompts', level: 1 })).toBeVisible();
    await expect(pageB.getByRole('list', { name: 'Prompts' }).getByRole('link', { name: /Shared prompt/ })).toBeVisible();
    await expect(pageB.getByRole('link', { name: 'New prompt' })).toHaveCount(0);
    await pageB.goto(`/w/${a.workspaceSlug}/prompts/${promptSlug}`);
    await expect(pageB.getByRole('heading', { name: 'Shared prompt', level: 1 })).toBeVisible();
    // The workspace switcher offers it too.
    await expect(pageB.getByLabel('Workspace', { exact: true }).locator(`option[value="${a.workspaceSlug}"]`)).toHaveCount(1);

    // …but cannot create prompts there.
    await pageB.goto(`/w/${a.workspaceSlug}/prompts/new`);
    await expect(pageB.getByRole('alert').filter({ hasText: 'cannot create prompts' })).toBeVisible();
    await expect(pageB.getByRole('button', { name: 'Create prompt' })).toHaveCount(0);

    // A promotes B to editor; the change survives a reload.
    const roleChanged = page.waitForResponse((r) => r.request().method() === 'POST' && !!r.request().headers()['next-action']);
    await page.getByLabel(`Role of ${b.email}`).selectOption('editor');
    expect((await roleChanged).ok()).toBe(true);
    await page.reload();
    await expect(page.getByLabel(`Role of ${b.email}`)).toHaveValue('editor');

    await pageB.goto(`/w/${a.workspaceSlug}`);
    await expect(pageB.getByRole('link', { name: 'New prompt' })).toBeVisible();
    const created = await createPrompt(pageB, a.workspaceSlug, 'Written by B');
    await expect(pageB.getByRole('heading', { name: 'Written by B', level: 1 })).toBeVisible();

    // A sees B's prompt in A's workspace.
    await page.goto(`/w/${a.workspaceSlug}`);
    await expect(page.getByRole('list', { name: 'Prompts' }).getByRole('link', { name: new RegExp(created) })).toBeVisible();
    await contextB.close();
  });

  test('the only admin cannot demote themself', async ({ page, signUp }) => {
    const a = await signUp(page);
    await page.goto(`/w/${a.workspaceSlug}/settings`);

    const ownRole = page.getByLabel(`Role of ${a.email}`);
    await expect(ownRole).toHaveValue('admin');
    await ownRole.selectOption('viewer');

    await expect(page.getByRole('alert').filter({ hasText: 'at least one admin' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(`Role of ${a.email}`)).toHaveValue('admin');
    // Still able to manage members.
    await expect(page.getByRole('button', { name: 'Create invitation link', exact: true })).toBeVisible();
  });
});
