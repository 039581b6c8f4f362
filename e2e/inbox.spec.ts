// The inbox in two browsers: an author requests review, the reviewer sees the count in the
// header, opens the notification's inbox, follows its link, and marks it read.
import { expect, test } from './fixtures';
import { inviteAndAccept } from './helpers';

test('a reviewer sees "review requested" in the header count, opens it and marks it read', async ({ browser, signUp }) => {
  test.setTimeout(120_000);
  const author = await (await browser.newContext()).newPage();
  const reviewer = await (await browser.newContext()).newPage();
  const a = await signUp(author, { name: 'Ada Author' });
  const r = await signUp(reviewer, { name: 'Rita Reviewer' });
  const ws = `/w/${a.workspaceSlug}`;
  await inviteAndAccept(author, reviewer, a.workspaceSlug, r.email, 'reviewer');

  await author.goto(`${ws}/prompts/new`);
  await author.getByLabel('Name').fill('Inbox prompt');
  await author.getByRole('button', { name: 'Create prompt' }).click();
  await author.waitForURL(`${ws}/prompts/inbox-prompt`);
  await author.goto(`${ws}/prompts/inbox-prompt/reviews`);
  await author.getByLabel(/Rita Reviewer/).check();
  await author.getByRole('button', { name: /Request review of r1/ }).click();
  await author.waitForURL(/\/reviews\/[a-z0-9]+$/);

  await reviewer.goto(ws);
  await expect(reviewer.getByTestId('inbox-unread')).toHaveText('1');
  await reviewer.getByTestId('inbox-link').click();
  await reviewer.waitForURL(`${ws}/inbox`);
  const item = reviewer.getByTestId('notification');
  await expect(item).toContainText('Review requested: inbox-prompt r1');
  await expect(item).toHaveAttribute('data-read', 'false');
  await item.getByRole('button', { name: 'Mark read' }).click();
  await expect(item).toHaveAttribute('data-read', 'true');
  await expect(reviewer.getByTestId('inbox-unread')).toHaveCount(0);
  await item.getByRole('link').click();
  await reviewer.waitForURL(/\/reviews\/[a-z0-9]+$/);

  // The author requested it, so the author's own inbox stays empty.
  await author.goto(`${ws}/inbox`);
  await expect(author.getByTestId('notification')).toHaveCount(0);
});
