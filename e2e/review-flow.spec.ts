// The whole publish lifecycle in two browsers: edit → request review → approve → edit again
// (approval goes stale, Publish says why) → re-approve → publish v2 → rollback to v1.
import { expect, test } from './fixtures';
import { expectSaved, inviteAndAccept, typeInFirstBlock } from './helpers';

test('review, stale approval, re-approval, publish and rollback', async ({ browser, signUp }) => {
  test.setTimeout(180_000);
  const authorContext = await browser.newContext();
  const reviewerContext = await browser.newContext();
  const author = await authorContext.newPage();
  const reviewer = await reviewerContext.newPage();

  const a = await signUp(author, { name: 'Ada Author' });
  const r = await signUp(reviewer, { name: 'Rita Reviewer' });
  const ws = `/w/${a.workspaceSlug}`;

  await test.step('the author invites the reviewer, who accepts the link', async () => {
    await inviteAndAccept(author, reviewer, a.workspaceSlug, r.email, 'reviewer');
    await author.goto(`${ws}/settings`);
    await expect(author.getByTestId(`member-${r.email}`)).toBeVisible();
  });

  const promptUrl = `${ws}/prompts/flow-prompt`;
  await test.step('the author drafts and publishes v1 with no approvals required', async () => {
    await author.goto(`${ws}/prompts/new`);
    await author.getByLabel('Name').fill('Flow prompt');
    await author.getByRole('button', { name: 'Create prompt' }).click();
    await author.waitForURL(promptUrl);
    await typeInFirstBlock(author, 'You are the first version.');
    await expectSaved(author, 2);
    await author.reload();
    await author.getByRole('button', { name: 'Publish r2' }).click();
    const dialog = author.getByRole('dialog', { name: /Publish r2 as v1/ });
    await expect(dialog.getByTestId('diff-block').first()).toBeVisible();
    await dialog.getByLabel('Release note').fill('First release');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(author.getByText('Published r2 as v1.')).toBeVisible();
  });

  await test.step('the workspace now requires one approval', async () => {
    await author.goto(`${ws}/settings`);
    const form = author.getByTestId('workspace-policy-form');
    await form.getByLabel('Required approvals').fill('1');
    await form.getByRole('button', { name: 'Save publish policy' }).click();
    await expect(form.getByText('Publish policy saved.')).toBeVisible();
  });

  await test.step('an edit cannot be published without approval, and says so', async () => {
    await author.goto(promptUrl);
    await typeInFirstBlock(author, ' Be brief.');
    await expectSaved(author, 3);
    await author.reload();
    await expect(author.getByRole('button', { name: 'Publish r3' })).toBeDisabled();
    await expect(author.getByTestId('publish-blocked')).toContainText('Needs 1 approval of r3; has 0.');
  });

  let reviewUrl = '';
  await test.step('the author requests review from the reviewer', async () => {
    await author.goto(`${promptUrl}/reviews`);
    await author.getByLabel(/Rita Reviewer/).check();
    await author.getByRole('button', { name: 'Request review of r3' }).click();
    await author.waitForURL(/\/reviews\/[a-z0-9]+$/);
    reviewUrl = new URL(author.url()).pathname;
  });

  await test.step('the reviewer finds it in the queue, sees the diff and approves', async () => {
    await reviewer.goto(`${ws}/reviews`);
    await reviewer
      .getByRole('link', { name: /Flow prompt/ })
      .first()
      .click();
    await reviewer.waitForURL(`**${reviewUrl}`);
    await expect(reviewer.getByTestId('diff-block').first()).toBeVisible();
    await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(reviewer.getByTestId('decision').filter({ hasText: 'approved r3' })).toBeVisible();
  });

  await test.step('the author edits again: the approval is stale and Publish says why', async () => {
    await author.goto(promptUrl);
    await expect(author.getByRole('button', { name: 'Publish r3' })).toBeEnabled();
    await typeInFirstBlock(author, ' Cite sources.');
    await expectSaved(author, 4);
    await author.reload();
    await expect(author.getByRole('button', { name: 'Publish r4' })).toBeDisabled();
    await expect(author.getByTestId('publish-blocked')).toContainText('Rita Reviewer approved r3; draft is now r4');
    await author.goto(reviewUrl);
    await expect(author.getByText('Draft is now r4; this review is of r3')).toBeVisible();
    await author.getByRole('button', { name: 'Update review to r4' }).click();
    await expect(author.getByText(/Review of r4/)).toBeVisible();
    const stale = author.getByTestId('decision').filter({ hasText: 'approved r3; draft is now r4' });
    await expect(stale).toContainText('stale');
  });

  await test.step('the reviewer approves r4', async () => {
    await reviewer.goto(reviewUrl);
    await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(reviewer.getByTestId('decision').filter({ hasText: 'approved r4' })).toBeVisible();
  });

  await test.step('the author publishes v2 with a note; production serves it', async () => {
    await author.goto(promptUrl);
    await author.getByRole('button', { name: 'Publish r4' }).click();
    const dialog = author.getByRole('dialog', { name: /Publish r4 as v2/ });
    await dialog.getByLabel('Release note').fill('Brief answers with sources');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(author.getByText('Published r4 as v2.')).toBeVisible();
    await author.goto(`${promptUrl}/releases`);
    await expect(author.getByTestId('release-v2')).toContainText('Brief answers with sources');
    await expect(author.getByTestId('release-v2')).toContainText('live');
    await expect(author.getByTestId('release-v1')).not.toContainText('live');
  });

  await test.step('rollback points production back at v1', async () => {
    await author.getByTestId('release-v1').getByRole('button', { name: 'Roll back to v1' }).click();
    await author.getByRole('button', { name: 'Confirm roll back to v1' }).click();
    await expect(author.getByTestId('release-v1')).toContainText('live');
    await expect(author.getByTestId('release-v2')).not.toContainText('live');
    await author.goto(`${ws}/audit`);
    await expect(author.getByTestId('audit-row').first()).toContainText(/roll/i);
  });

  await authorContext.close();
  await reviewerContext.close();
});
