// Evaluations gate publishing: two cases run against the fake OpenAI-compatible server,
// one fails on the draft, the policy blocks Publish, fixing the draft makes both pass.
import type { Page } from '@playwright/test';
import { startFakeLlm, type FakeLlm } from '../tests/fake-llm/server';
import { expect, test } from './fixtures';
import { expectSaved, typeInUserBlock } from './helpers';

let llm: FakeLlm;

test.beforeAll(async () => {
  llm = await startFakeLlm();
});

test.afterAll(async () => {
  await llm?.close();
});

// A new prompt has a system block and a user block; the echo model answers with the user block
// (typeInUserBlock types into the second).

async function addCase(page: Page, name: string, target: 'prompt' | 'output', value: string) {
  const form = page.getByRole('form', { name: 'New test case' });
  await form.getByLabel('Case name').fill(name);
  await form.getByLabel('Assertion 1 target').selectOption(target);
  await form.getByLabel('Assertion 1 kind').selectOption('contains');
  await form.getByLabel('Assertion 1 Value').fill(value);
  await form.getByRole('button', { name: 'Add case' }).click();
  await expect(page.getByRole('list', { name: 'Test cases' }).getByText(name)).toBeVisible();
}

async function runTests(page: Page, expected: Record<string, 'passed' | 'failed'>) {
  await page.getByRole('button', { name: 'Run tests' }).click();
  const rows = page.getByTestId('case-result');
  const total = Object.keys(expected).length;
  await expect(page.getByTestId('run-progress')).toHaveText(`${total} of ${total}`, { timeout: 30_000 });
  for (const [name, status] of Object.entries(expected)) {
    await expect(rows.filter({ hasText: name })).toHaveAttribute('data-status', status);
  }
}

test('a failing case blocks publishing until the draft is fixed', async ({ page, signUp }) => {
  test.setTimeout(180_000);
  const user = await signUp(page);
  const ws = `/w/${user.workspaceSlug}`;

  await test.step('add the fake model as a provider; the key is never shown back', async () => {
    await page.goto(`${ws}/settings`);
    const form = page.getByRole('form', { name: 'Add a provider' });
    await form.getByLabel('Provider name').fill('Fake');
    await form.getByLabel('Model').fill('echo');
    await form.getByLabel('Base URL').fill(llm.baseUrl);
    await form.getByLabel('API key').fill('sk-test-secret');
    await form.getByRole('button', { name: 'Add provider' }).click();
    const list = page.getByRole('list', { name: 'Model providers' });
    await expect(list).toContainText('Fake');
    await expect(list).toContainText('key set');
    await expect(page.locator('body')).not.toContainText('sk-test-secret');
  });

  await test.step('require a passing evaluation run to publish', async () => {
    const form = page.getByTestId('workspace-policy-form');
    await form.getByLabel('Require a passing evaluation run to publish').check();
    await form.getByRole('button', { name: 'Save publish policy' }).click();
    await expect(form.getByText('Publish policy saved.')).toBeVisible();
  });

  const promptUrl = `${ws}/prompts/eval-prompt`;
  await test.step('draft a prompt', async () => {
    await page.goto(`${ws}/prompts/new`);
    await page.getByLabel('Name').fill('Eval prompt');
    await page.getByRole('button', { name: 'Create prompt' }).click();
    await page.waitForURL(promptUrl);
    await typeInUserBlock(page, 'Tell me about Paris.');
    await expectSaved(page, 2);
  });

  await test.step('write two cases and run them: one passes, one fails', async () => {
    await page.goto(`${promptUrl}/tests`);
    await addCase(page, 'mentions Paris', 'output', 'Paris');
    await addCase(page, 'asks for sources', 'prompt', 'Cite sources');
    await runTests(page, { 'mentions Paris': 'passed', 'asks for sources': 'failed' });
    await expect(page.getByTestId('case-result').filter({ hasText: 'asks for sources' })).toContainText(
      'The prompt does not contain "Cite sources"',
    );
    await expect(page.getByRole('button', { name: 'Publish r2' })).toBeDisabled();
    // Before the bar refreshes it says a passing run is required; after, that the latest run failed.
    await expect(page.getByTestId('publish-blocked')).toContainText(
      /A passing evaluation run on this exact content is required\.|The latest evaluation run on this content failed\./,
    );
  });

  await test.step('fix the draft and rerun: both pass and Publish is enabled', async () => {
    await page.goto(promptUrl);
    await typeInUserBlock(page, ' Cite sources.');
    await expectSaved(page, 3);
    await page.goto(`${promptUrl}/tests`);
    await expect(page.getByRole('button', { name: 'Publish r3' })).toBeDisabled();
    await runTests(page, { 'mentions Paris': 'passed', 'asks for sources': 'passed' });
    await expect(page.getByRole('button', { name: 'Publish r3' })).toBeEnabled();
  });
});
