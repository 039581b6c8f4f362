// Scheduled releases and staging promotion in three browsers. The workspace requires one
// approval; Ana approves r2; Pat (a publisher whose browser is in Asia/Kolkata) schedules the
// publish a few seconds ahead in his own time zone; the prompt page says "Scheduled for …",
// and the server's scheduler publishes v1 at that time (GALLEY_SCHEDULER_POLL_MS is short in
// e2e). Then r3 is staged, approved, and Pat promotes exactly the staged revision as v2.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectSaved, inviteAndAccept, localTimeFromNow, typeInFirstBlock, waitForScheduledRelease } from './helpers';

async function requestAndApprove(author: Page, reviewer: Page, promptUrl: string, revision: number) {
  await author.goto(`${promptUrl}/reviews`);
  await author.getByRole('button', { name: `Request review of r${revision}` }).click();
  await author.waitForURL(/\/reviews\/[a-z0-9]+$/);
  const reviewUrl = new URL(author.url()).pathname;
  await reviewer.goto(reviewUrl);
  await reviewer.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(reviewer.getByTestId('decision').filter({ hasText: `approved r${revision}` })).toBeVisible();
}

test('a release scheduled a few seconds ahead fires; staging is promoted as it was staged', async ({ browser, signUp }) => {
  test.setTimeout(180_000);
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext({ timezoneId: 'Asia/Kolkata' })]);
  const [admin, ana, pat] = (await Promise.all(contexts.map((c) => c.newPage()))) as [Page, Page, Page];
  const a = await signUp(admin, { name: 'Ada Admin' });
  const anaUser = await signUp(ana, { name: 'Ana Reviewer' });
  const patUser = await signUp(pat, { name: 'Pat Publisher' });
  const ws = `/w/${a.workspaceSlug}`;
  await inviteAndAccept(admin, ana, a.workspaceSlug, anaUser.email, 'reviewer');
  await inviteAndAccept(admin, pat, a.workspaceSlug, patUser.email, 'publisher');

  await admin.goto(`${ws}/settings`);
  const policy = admin.getByTestId('workspace-policy-form');
  await policy.getByLabel('Required approvals').fill('1');
  await policy.getByRole('button', { name: 'Save publish policy' }).click();
  await expect(policy.getByText('Publish policy saved.')).toBeVisible();

  const promptUrl = `${ws}/prompts/timed`;
  await admin.goto(`${ws}/prompts/new`);
  await admin.getByLabel('Name').fill('Timed');
  await admin.getByRole('button', { name: 'Create prompt' }).click();
  await admin.waitForURL(promptUrl);
  await typeInFirstBlock(admin, 'Answer on time.');
  await expectSaved(admin, 2);
  await requestAndApprove(admin, ana, promptUrl, 2);

  await test.step('Pat schedules r2 a few seconds ahead, in his time zone', async () => {
    await pat.goto(promptUrl);
    await pat.getByRole('button', { name: 'Schedule r2…' }).click();
    const form = pat.getByRole('form', { name: 'Schedule r2' });
    // ICU may name the zone by its older alias.
    await expect(form.getByText(/Your time zone: Asia\/(Kolkata|Calcutta)/)).toBeVisible();
    // The wall-clock time in Kolkata 8 s from now, as a datetime-local value.
    const local = await localTimeFromNow(pat, 8_000);
    await form.getByLabel('Publish at').fill(local);
    await form.getByLabel('Release note').fill('On the dot');
    await form.getByRole('button', { name: 'Schedule', exact: true }).click();
    const status = pat.getByTestId('scheduled-release');
    await expect(status).toContainText('Scheduled for');
    await expect(status).toContainText('r2, by Pat Publisher');
    // Shown in Pat's zone (IST), stored in UTC (the tooltip).
    await expect(status.locator('time')).toContainText(/GMT\+5:30|IST/);
    await expect(status.locator('time')).toHaveAttribute('title', /UTC/);
    await admin.goto(promptUrl);
    await expect(admin.getByTestId('scheduled-release')).toContainText('Scheduled for');
    await expect(admin.getByRole('button', { name: 'Cancel schedule' })).toBeVisible();
  });

  await test.step('at that time the server publishes v1', async () => {
    await waitForScheduledRelease(admin, promptUrl, 1);
    await expect(admin.getByTestId('release-v1')).toContainText('On the dot');
    await admin.goto(promptUrl);
    await expect(admin.getByTestId('scheduled-release')).toHaveCount(0);
  });

  await test.step('r3 is staged and approved; Pat promotes exactly what staging serves', async () => {
    await admin.goto(promptUrl);
    await typeInFirstBlock(admin, ' Staged.');
    await expectSaved(admin, 3);
    await admin.reload();
    await admin.getByRole('button', { name: 'Stage this revision' }).click();
    await expect(admin.getByText('Staging serves r3.')).toBeVisible();
    await requestAndApprove(admin, ana, promptUrl, 3);
    await pat.goto(promptUrl);
    await pat.getByRole('button', { name: 'Promote r3 to production' }).click();
    const form = pat.getByRole('form', { name: 'Promote r3 to production' });
    await form.getByLabel('Release note').fill('Validated on staging');
    await form.getByRole('button', { name: 'Promote', exact: true }).click();
    await expect(pat.getByText('Promoted r3 as v2.')).toBeVisible();
    await pat.goto(`${promptUrl}/releases`);
    await expect(pat.getByTestId('release-v2')).toContainText('from r3');
    await expect(pat.getByTestId('release-v2')).toContainText('live');
  });

  await Promise.all(contexts.map((c) => c.close()));
});
