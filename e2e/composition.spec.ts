// Composition in the browser: a shared prompt included by two others, frozen into each
// release; republishing it changes nothing in production until a dependent updates (a new
// revision), is reviewed and published, and the read API then serves the new resolution.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectSaved, inviteAndAccept, typeInFirstBlock } from './helpers';

async function createPrompt(page: Page, ws: string, name: string, slug: string) {
  await page.goto(`${ws}/prompts/new`);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create prompt' }).click();
  await page.waitForURL(`${ws}/prompts/${slug}`);
}

async function publishHead(page: Page, url: string, head: number, version: number) {
  await page.goto(url);
  await page.getByRole('button', { name: `Publish r${head}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Publish r${head} as v${version}` });
  await dialog.getByLabel('Release note').fill(`v${version}`);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText(`Published r${head} as v${version}.`)).toBeVisible();
  return dialog;
}

async function includeShared(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('New block kind').selectOption('include');
  await page.getByRole('button', { name: 'Add block' }).click();
  const card = page.getByTestId('include-card');
  await card.getByRole('combobox', { name: /Included prompt/ }).selectOption('tone-guide');
  await expect(card.getByTestId('include-resolved')).toHaveText('tone-guide v1');
  // The shared prompt's empty user block is included too (and renders as nothing).
  await card.getByText(/included blocks? \(read-only\)/).click();
  await expect(card.getByRole('list', { name: 'Blocks included from tone-guide' })).toContainText('Be kind (first edition).');
  await expectSaved(page, 2);
}

test('include a shared prompt, republish it, update a dependent, review, publish, read it', async ({ browser, signUp }) => {
  test.setTimeout(240_000);
  const authorContext = await browser.newContext();
  const reviewerContext = await browser.newContext();
  const author = await authorContext.newPage();
  const reviewer = await reviewerContext.newPage();
  const a = await signUp(author, { name: 'Ada Author' });
  const r = await signUp(reviewer, { name: 'Rita Reviewer' });
  const ws = `/w/${a.workspaceSlug}`;
  const tone = `${ws}/prompts/tone-guide`;
  const support = `${ws}/prompts/support`;
  const sales = `${ws}/prompts/sales`;

  await test.step('the shared prompt is written and published', async () => {
    await createPrompt(author, ws, 'Tone guide', 'tone-guide');
    await typeInFirstBlock(author, 'Be kind (first edition).');
    await expectSaved(author, 2);
    await publishHead(author, tone, 2, 1);
  });

  await test.step('two prompts include it, and are published', async () => {
    for (const [name, slug, url] of [
      ['Support', 'support', support],
      ['Sales', 'sales', sales],
    ] as const) {
      await createPrompt(author, ws, name, slug);
      await includeShared(author, url);
      await publishHead(author, url, 2, 1);
    }
    await author.goto(tone);
    const usedBy = author.getByTestId('used-by-row');
    await expect(usedBy).toHaveCount(2);
    await expect(usedBy.filter({ hasText: 'Support' })).toContainText('its v1 froze v1');
  });

  let prodKey = '';
  await test.step('a production key reads the frozen resolution', async () => {
    await author.goto(`${ws}/settings`);
    await author.getByLabel('Key name', { exact: true }).fill('prod');
    await author.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('production');
    await author.getByRole('button', { name: 'Create key', exact: true }).click();
    const box = author.getByTestId('new-api-key');
    prodKey = await box.getByLabel('API key', { exact: true }).inputValue();
    await box.getByRole('button', { name: 'Done', exact: true }).click();
  });
  const read = async () => {
    const res = await author.request.get('/api/v1/prompts/support', { headers: { authorization: `Bearer ${prodKey}` } });
    expect(res.status()).toBe(200);
    return { etag: res.headers().etag, body: await res.json() };
  };
  const before = await read();
  // New prompts start with empty system and user blocks (the shared one's are included too).
  const texts = (body: { content: { blocks: { body: string }[] } }) => body.content.blocks.map((b) => b.body).filter(Boolean);
  expect(texts(before.body)).toEqual(['Be kind (first edition).']);

  await test.step('the shared prompt is republished; its dialog names the dependents', async () => {
    await author.goto(tone);
    await typeInFirstBlock(author, ' Second edition.');
    await expectSaved(author, 3);
    await author.reload();
    await author.getByRole('button', { name: 'Publish r3', exact: true }).click();
    const dialog = author.getByRole('dialog', { name: 'Publish r3 as v2' });
    await expect(dialog.getByTestId('dependents-notice')).toContainText('2 prompts include this one');
    await expect(dialog.getByTestId('dependents-notice')).toContainText('sales, support');
    await dialog.getByLabel('Release note').fill('v2');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(author.getByText('Published r3 as v2.')).toBeVisible();
    const after = await read();
    expect(after.etag).toBe(before.etag);
    expect(after.body).toEqual(before.body);
  });

  await test.step('the workspace requires one approval; the reviewer joins', async () => {
    await inviteAndAccept(author, reviewer, a.workspaceSlug, r.email, 'reviewer');
    await author.goto(`${ws}/settings`);
    const form = author.getByTestId('workspace-policy-form');
    await form.getByLabel('Required approvals').fill('1');
    await form.getByRole('button', { name: 'Save publish policy' }).click();
    await expect(form.getByText('Publish policy saved.')).toBeVisible();
  });

  await test.step('the dependent shows the update with its diff, and Update appends a revision', async () => {
    await author.goto(support);
    const updates = author.getByRole('region', { name: 'Include updates' });
    await expect(updates).toContainText('tone-guide v2 is available (this release has v1)');
    await updates.getByText('tone-guide v2 is available').click();
    await expect(updates.getByTestId('diff-block').first()).toBeVisible();
    await updates.getByRole('button', { name: 'Update' }).click();
    await expect(author.getByRole('region', { name: 'Include updates' })).toHaveCount(0);
    await expect(author.getByTestId('include-resolved')).toHaveText('tone-guide v2');
  });

  await test.step('review and publish the update', async () => {
    await author.goto(`${support}/reviews`);
    await author.getByLabel(/Rita Reviewer/).check();
    await author.getByRole('button', { name: 'Request review of r3' }).click();
    await author.waitForURL(/\/reviews\/[a-z0-9]+$/);
    const reviewUrl = new URL(author.url()).pathname;
    await reviewer.goto(reviewUrl);
    await expect(reviewer.getByTestId('diff-block').first()).toBeVisible();
    await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(reviewer.getByTestId('decision').filter({ hasText: 'approved r3' })).toBeVisible();
    await publishHead(author, support, 3, 2);
  });

  await test.step('the read API serves the new resolution', async () => {
    const now = await read();
    expect(now.etag).not.toBe(before.etag);
    expect(texts(now.body)).toEqual(['Be kind (first edition). Second edition.']);
    expect(now.body.resolvedIncludes).toEqual([{ slug: 'tone-guide', pin: 'production', version: 2, frozen: true }]);
  });
  await authorContext.close();
  await reviewerContext.close();
});
