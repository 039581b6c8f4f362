// The whole review story in three browsers. The admin sets "Domain review: 1 of Ana", a tag
// rule (safety-critical → "Safety: 1 publisher") and "all conversations resolved". Ana
// comments on a line; the admin edits it and moves the review to the new draft, so the thread
// shows Outdated with the original line; Ana resolves it. The publisher cannot approve out of
// turn; Ana approves, the Publish button names the missing stage, the publisher approves and
// schedules the publish a few seconds ahead, and the server publishes v1 at that time. The
// prompt's settings say why the Safety stage applies.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectSaved, inviteAndAccept, localTimeFromNow, typeInFirstBlock, waitForScheduledRelease } from './helpers';

test('a two-stage chain from a tag rule, a line comment outdated and resolved, then a scheduled publish that fires', async ({
  browser,
  signUp,
}) => {
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
    const policy = admin.getByTestId('workspace-policy-form');
    await policy.getByLabel('All conversations resolved before publishing').check();
    await policy.getByRole('button', { name: 'Save publish policy' }).click();
    await expect(policy.getByText('Publish policy saved.')).toBeVisible();
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

  await test.step('Ana comments on a line; the admin edits it, so the conversation is outdated; Ana resolves it', async () => {
    await ana.goto(reviewUrl);
    await ana
      .getByRole('button', { name: /^Comment on line 1 of / })
      .first()
      .click();
    await ana.getByRole('textbox', { name: 'Comment on line 1' }).fill('Carefully *how*?');
    await ana.getByRole('button', { name: 'Comment on line 1', exact: true }).click();
    const thread = ana.getByRole('listitem', { name: 'Conversation on line 1' });
    await expect(thread.getByTestId('comment-body')).toContainText('Carefully how?');
    await admin.goto(promptUrl);
    await expect(admin.getByTestId('publish-blocked')).toContainText('1 conversation is not resolved.');
    await typeInFirstBlock(admin, ' Cite the policy.');
    await expectSaved(admin, 3);
    await admin.goto(reviewUrl);
    await admin.getByRole('button', { name: 'Update review to r3' }).click();
    await expect(admin.getByRole('heading', { name: 'r3 against production (nothing published yet)' })).toBeVisible();
    await ana.goto(reviewUrl);
    await expect(thread).toContainText('Outdated');
    await expect(thread.locator('pre')).toHaveText('Answer carefully.');
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await expect(thread).toContainText('Resolved');
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

  await test.step('Publish now names Safety; the publisher approves and schedules the publish a few seconds ahead', async () => {
    await admin.goto(promptUrl);
    await expect(admin.getByTestId('publish-blocked')).toContainText('Waiting for Safety: 0 of 1.');
    await pat.goto(reviewUrl);
    await expect(pat.getByTestId('approval-steps')).toContainText('can act now: a publisher or higher');
    await pat.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(pat.getByTestId('approval-steps').getByRole('listitem').nth(1)).toHaveAttribute('data-state', 'done');
    await pat.goto(promptUrl);
    await pat.getByRole('button', { name: 'Schedule r3…' }).click();
    const form = pat.getByRole('form', { name: 'Schedule r3' });
    const local = await localTimeFromNow(pat, 8_000);
    await form.getByLabel('Publish at').fill(local);
    await form.getByLabel('Release note').fill('Through the chain');
    await form.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(pat.getByTestId('scheduled-release')).toContainText('r3, by Pat Publisher');
  });

  await test.step('at that time the server publishes r3 as v1', async () => {
    await waitForScheduledRelease(admin, promptUrl, 1);
    await expect(admin.getByTestId('release-v1')).toContainText('Through the chain');
    await expect(admin.getByTestId('release-v1')).toContainText('from r3');
  });

  await Promise.all(contexts.map((c) => c.close()));
});
