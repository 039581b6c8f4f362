// An approval chain in three browsers: the admin sets "Domain review: 1 of Ana" and a tag
// rule (safety-critical → "Safety: 1 publisher"); the publisher cannot approve out of turn;
// Ana approves, the Publish button names the missing stage, the publisher approves, and the
// admin publishes. The prompt's settings say why the Safety stage applies.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inviteAndAccept, typeInFirstBlock, expectSaved } from './helpers';

test('a two-stage chain from a tag rule gates publishing, stage by stage', async ({ browser, signUp }) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [admin, ana, pat] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  const a = await signUp(admin, { name: 'Ada Admin' });
  const anaUser = await signUp(ana, { name: 'Ana Domain' });
  const patUser = await signUp(pat, { name: 'Pat Publisher' });
  const ws = `/w/${a.workspaceSlug}`;
  await inviteAndAccept(admin, ana, a.workspaceSlug, anaUser.email, 'reviewer');
  await inviteAndAccept(admin, pat, a.workspaceSlug, patUser.email, 'publisher');

  await test.step('the admin defines the chain: Domain review by Ana, Safety for safety-critical prompts', async () => {
    await admin.goto(`${ws}/settings`);
    const form = admin.getByTestId('approval-chain-form');
    await form.getByRole('button', { name: 'Add stage' }).click();
    const stage = form.getByRole('group', { name: 'Stage 1' });
    await stage.getByLabel('Stage name').fill('Domain review');
    await stage.getByLabel('Who may approve').selectOption('members');
    await stage.getByLabel(/Ana Domain/).check();
    await form.getByRole('button', { name: 'Add tag rule' }).click();
    await form.getByLabel('Tag', { exact: true }).fill('safety-critical');
    const rule = form.getByRole('group', { name: 'Stage for tag safety-critical' });
    await rule.getByLabel('Stage name').fill('Safety');
    await rule.getByLabel('Who may approve').selectOption('role:publisher');
    // Self-approval per stage: authors may never approve their own change in Safety.
    await rule.getByLabel('Authors may approve their own change in this stage').selectOption('no');
    await form.getByRole('button', { name: 'Save approval chain' }).click();
    await expect(form.getByText('Approval chain saved.')).toBeVisible();
    await admin.reload();
    const saved = admin.getByTestId('approval-chain-form');
    await expect(
      saved.getByRole('group', { name: 'Stage for tag safety-critical' }).getByLabel('Authors may approve their own change in this stage'),
    ).toHaveValue('no');
    await expect(
      saved.getByRole('group', { name: 'Stage 1' }).getByLabel('Authors may approve their own change in this stage'),
    ).toHaveValue('inherit');
  });

  const promptUrl = `${ws}/prompts/chained`;
  await test.step('a safety-critical prompt shows which stages apply and why', async () => {
    await admin.goto(`${ws}/prompts/new`);
    await admin.getByLabel('Name').fill('Chained');
    await admin.getByLabel('Tags').fill('safety-critical');
    await admin.getByRole('button', { name: 'Create prompt' }).click();
    await admin.waitForURL(promptUrl);
    await typeInFirstBlock(admin, 'Answer carefully.');
    await expectSaved(admin, 2);
    await admin.goto(`${promptUrl}/settings`);
    const chain = admin.getByTestId('prompt-chain');
    await expect(chain).toContainText('Domain review: 1 of Ana Domain — workspace approval chain');
    await expect(chain).toContainText('Safety: 1 of a publisher or higher — tag rule: this prompt is tagged “safety-critical”');
  });

  let reviewUrl = '';
  await test.step('the admin requests review; the Publish button waits for Domain review', async () => {
    await admin.goto(`${promptUrl}/reviews`);
    await admin.getByRole('button', { name: 'Request review of r2' }).click();
    await admin.waitForURL(/\/reviews\/[a-z0-9]+$/);
    reviewUrl = new URL(admin.url()).pathname;
    const steps = admin.getByTestId('approval-steps');
    await expect(steps.getByRole('listitem').nth(0)).toHaveAttribute('data-state', 'current');
    await expect(steps.getByRole('listitem').nth(1)).toHaveAttribute('data-state', 'waiting');
    await admin.goto(promptUrl);
    await expect(admin.getByRole('button', { name: 'Publish r2' })).toBeDisabled();
    await expect(admin.getByTestId('publish-blocked')).toContainText('Waiting for Domain review: 0 of 1.');
  });

  await test.step('the publisher cannot approve out of turn; Ana approves Domain review', async () => {
    await pat.goto(reviewUrl);
    await pat.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(pat.getByText('Waiting for Domain review: only Ana Domain can approve now.')).toBeVisible();
    await ana.goto(reviewUrl);
    await expect(ana.getByTestId('approval-steps')).toContainText('can act now: Ana Domain');
    await ana.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(ana.getByTestId('approval-steps').getByRole('listitem').nth(0)).toHaveAttribute('data-state', 'done');
  });

  await test.step('Publish now names Safety; the publisher approves and the admin publishes', async () => {
    await admin.goto(promptUrl);
    await expect(admin.getByTestId('publish-blocked')).toContainText('Waiting for Safety: 0 of 1.');
    await pat.goto(reviewUrl);
    await expect(pat.getByTestId('approval-steps')).toContainText('can act now: a publisher or higher');
    await pat.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(pat.getByTestId('approval-steps').getByRole('listitem').nth(1)).toHaveAttribute('data-state', 'done');
    await admin.goto(promptUrl);
    await admin.getByRole('button', { name: 'Publish r2' }).click();
    const dialog = admin.getByRole('dialog', { name: /Publish r2 as v1/ });
    await dialog.getByLabel('Release note').fill('Through the chain');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(admin.getByText('Published r2 as v1.')).toBeVisible();
  });

  await Promise.all(contexts.map((c) => c.close()));
});
