import type { Page } from '@playwright/test';
import { expect, noExternalRequests, test } from './fixtures';

/** Fills the create-prompt form (already open) and submits it. The slug is left as auto-filled unless given. */
async function submitPromptForm(page: Page, input: { name: string; slug?: string; tags?: string }) {
  await page.getByLabel('Name', { exact: true }).fill(input.name);
  if (input.slug !== undefined) await page.getByLabel('Slug', { exact: true }).fill(input.slug);
  if (input.tags !== undefined) await page.getByLabel('Tags', { exact: true }).fill(input.tags);
  await page.getByRole('button', { name: 'Create prompt', exact: true }).click();
}

test.describe('prompts', () => {
  test('create a prompt from the dashboard, find it in the list and by search', async ({ page, signUp }) => {
    const external = noExternalRequests(page);
    const { workspaceSlug } = await signUp(page);
    const dashboard = `/w/${workspaceSlug}`;

    await page.getByRole('link', { name: 'New prompt' }).click();
    await page.waitForURL((url) => url.pathname === `${dashboard}/prompts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Billing helper');
    await expect(page.getByLabel('Slug', { exact: true })).toHaveValue('billing-helper');
    await page.getByLabel('Tags', { exact: true }).fill('billing, support');
    await page.getByRole('button', { name: 'Create prompt', exact: true }).click();

    await page.waitForURL((url) => url.pathname === `${dashboard}/prompts/billing-helper`);
    await expect(page.getByRole('heading', { name: 'Billing helper', level: 1 })).toBeVisible();

    // A second prompt, so that search has something to leave out.
    await page.goto(`${dashboard}/prompts/new`);
    await submitPromptForm(page, { name: 'Onboarding guide', tags: 'onboarding' });
    await page.waitForURL((url) => url.pathname === `${dashboard}/prompts/onboarding-guide`);

    // Back to the dashboard through the breadcrumb (client-side navigation must show fresh data).
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Prompts' }).click();
    await page.waitForURL((url) => url.pathname === dashboard);
    const list = page.getByRole('list', { name: 'Prompts' });
    const billing = list.getByRole('listitem').filter({ hasText: 'Billing helper' });
    await expect(billing).toContainText('billing-helper');
    await expect(billing).toContainText('Draft only');
    await expect(billing).toContainText('billing');
    await expect(billing).toContainText('support');
    await expect(list.getByRole('listitem')).toHaveCount(2);

    const search = page.getByRole('searchbox', { name: 'Search prompts' });
    await search.fill('billing');
    await page.waitForURL((url) => url.pathname === dashboard && url.searchParams.get('q') === 'billing');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list.getByRole('listitem')).toContainText('Billing helper');

    await search.fill('zzz-nothing');
    await page.waitForURL((url) => url.searchParams.get('q') === 'zzz-nothing');
    await expect(page.getByText('No prompt matches “zzz-nothing”.')).toBeVisible();
    await expect(list).toHaveCount(0);

    // The query lives in the URL: loading it directly gives the same result.
    await page.goto(`${dashboard}?q=billing`);
    await expect(page.getByRole('searchbox', { name: 'Search prompts' })).toHaveValue('billing');
    await expect(list.getByRole('listitem')).toHaveCount(1);

    expect(external()).toEqual([]);
  });

  test('a slug already used in the workspace is refused under the Slug field', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const newPrompt = `/w/${workspaceSlug}/prompts/new`;

    await page.goto(newPrompt);
    await submitPromptForm(page, { name: 'Billing helper' });
    await page.waitForURL((url) => url.pathname === `/w/${workspaceSlug}/prompts/billing-helper`);

    await page.goto(newPrompt);
    await submitPromptForm(page, { name: 'Billing helper' });
    await expect(page.getByLabel('Slug', { exact: true })).toHaveAccessibleDescription(/already used/);
    await expect(page.getByRole('alert').filter({ hasText: 'already used' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe(newPrompt);
    // The form keeps what was typed.
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Billing helper');
  });

  test('an invalid slug is refused under the Slug field', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const newPrompt = `/w/${workspaceSlug}/prompts/new`;

    await page.goto(newPrompt);
    await submitPromptForm(page, { name: 'Anything', slug: 'Bad Slug!' });
    await expect(page.getByLabel('Slug', { exact: true })).toHaveAccessibleDescription(/lowercase letters, digits and dashes/);
    expect(new URL(page.url()).pathname).toBe(newPrompt);

    // Nothing was created.
    await page.goto(`/w/${workspaceSlug}`);
    await expect(page.getByText('No prompts yet.')).toBeVisible();
  });

  test('an unknown prompt slug in your own workspace is a 404', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);

    const response = await page.goto(`/w/${workspaceSlug}/prompts/no-such-prompt`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
});
