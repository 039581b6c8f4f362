// Line comments on a review: comment on a line, reply, the gate blocks Publish while the
// conversation is open (policy "All conversations resolved before publishing"), an edit of
// that line makes the thread Outdated with its original snippet, and resolving opens the gate;
// a conversation on a range of lines, and one written on the compare view.
import { expect, test } from './fixtures';
import { expectSaved, typeInFirstBlock } from './helpers';

test('comment, reply, outdated after an edit, resolve; the gate names open conversations', async ({ page, signUp }) => {
  test.setTimeout(120_000);
  const a = await signUp(page, { name: 'Ada Admin' });
  const ws = `/w/${a.workspaceSlug}`;
  const promptUrl = `${ws}/prompts/commented`;

  await page.goto(`${ws}/settings`);
  const form = page.getByTestId('workspace-policy-form');
  await form.getByLabel('All conversations resolved before publishing').check();
  await form.getByRole('button', { name: 'Save publish policy' }).click();
  await expect(form.getByText('Publish policy saved.')).toBeVisible();

  await page.goto(`${ws}/prompts/new`);
  await page.getByLabel('Name').fill('Commented');
  await page.getByRole('button', { name: 'Create prompt' }).click();
  await page.waitForURL(promptUrl);
  await typeInFirstBlock(page, 'Answer briefly.');
  await expectSaved(page, 2);

  await page.goto(`${promptUrl}/reviews`);
  await page.getByRole('button', { name: 'Request review of r2' }).click();
  await page.waitForURL(/\/reviews\/[a-z0-9]+$/);
  const reviewUrl = new URL(page.url()).pathname;

  await page
    .getByRole('button', { name: /^Comment on line 1 of / })
    .first()
    .click();
  await page
    .getByRole('textbox', { name: 'Comment on line 1' })
    .fill('Too **terse**? <b>no html</b><img src=x onerror="window.pwned=1"> [a link](javascript:alert(1)) and `code`');
  await page.getByRole('button', { name: 'Comment on line 1', exact: true }).click();
  const thread = page.getByRole('listitem', { name: 'Conversation on line 1' });
  // Markdown is rendered; raw HTML is dropped, never parsed; an unsafe link loses its URL.
  const body = thread.getByTestId('comment-body').first();
  await expect(body.locator('strong')).toHaveText('terse');
  await expect(body.locator('code')).toHaveText('code');
  await expect(body.locator('b, img')).toHaveCount(0);
  await expect(body.getByRole('link', { name: 'a link' })).not.toHaveAttribute('href', /javascript/);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await thread.getByRole('textbox', { name: 'Reply' }).fill('Intentional.');
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread).toContainText('Intentional.');
  await expect(thread).not.toContainText('Outdated');

  await page.goto(promptUrl);
  await expect(page.getByTestId('publish-blocked')).toContainText('1 conversation is not resolved.');
  await typeInFirstBlock(page, ' Cite sources.');
  await expectSaved(page, 3);

  await page.goto(reviewUrl);
  await expect(thread).toContainText('Outdated');
  await expect(thread.locator('pre')).toHaveText('Answer briefly.');
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread).toContainText('Resolved');

  await page.goto(promptUrl);
  await expect(page.getByRole('button', { name: 'Publish r3' })).toBeEnabled();
});

test('a conversation on a range of lines (shift-click, or "Through line"), and one on the compare view', async ({ page, signUp }) => {
  test.setTimeout(120_000);
  const a = await signUp(page, { name: 'Rhea Range' });
  const ws = `/w/${a.workspaceSlug}`;
  await page.goto(`${ws}/prompts/new`);
  await page.getByLabel('Name').fill('Ranged');
  await page.getByRole('button', { name: 'Create prompt' }).click();
  await page.waitForURL(`${ws}/prompts/ranged`);
  await typeInFirstBlock(page, 'One.\nTwo.\nThree.');
  await expectSaved(page, 2);
  await page.goto(`${ws}/prompts/ranged/reviews`);
  await page.getByRole('button', { name: 'Request review of r2' }).click();
  await page.waitForURL(/\/reviews\/[a-z0-9]+$/);

  const lines = page
    .getByRole('group', { name: /^Lines of / })
    .or(page.getByLabel(/^Lines of /))
    .first();
  // A line number on the diff's right-hand side opens the comment box for that line; shift
  // extends it to a range.
  const rightGutter = (n: number) =>
    page
      .getByTestId('diff-block')
      .first()
      .locator('td[class*="gutter"]')
      .filter({ hasText: new RegExp(`^${n}$`) })
      .last();
  await rightGutter(2).click();
  await expect(page.getByRole('textbox', { name: 'Comment on line 2' })).toBeVisible();
  await rightGutter(3).click({ modifiers: ['Shift'] });
  await expect(page.getByRole('textbox', { name: 'Comment on lines 2–3' })).toBeVisible();

  await lines.getByRole('button', { name: /^Comment on line 1 of / }).click();
  await lines.getByRole('button', { name: /^Comment on line 3 of / }).click({ modifiers: ['Shift'] });
  await expect(page.getByLabel('Through line')).toHaveValue('3');
  await page.getByRole('textbox', { name: 'Comment on lines 1–3' }).fill('These three say the same.');
  await page.getByRole('button', { name: 'Comment on lines 1–3', exact: true }).click();
  const wide = page.getByRole('listitem', { name: 'Conversation on lines 1–3' });
  await expect(wide.locator('pre')).toHaveText('One.\nTwo.\nThree.');

  await lines.getByRole('button', { name: /^Comment on line 2 of / }).click();
  await page.getByLabel('Through line').fill('3');
  await page.getByRole('textbox', { name: 'Comment on lines 2–3' }).fill('And these two.');
  await page.getByRole('button', { name: 'Comment on lines 2–3', exact: true }).click();
  await expect(page.getByRole('listitem', { name: 'Conversation on lines 2–3' }).locator('pre')).toHaveText('Two.\nThree.');
  const reviewUrl = new URL(page.url()).pathname;

  // The compare view comments on its right-hand revision; the review of r2 shows the thread too.
  await page.goto(`${ws}/prompts/ranged/compare?from=production&to=r2`);
  const compared = page.getByRole('region', { name: 'Line comments on r2' });
  await expect(compared.getByRole('listitem', { name: 'Conversation on lines 1–3' })).toContainText('on a review');
  await compared.getByRole('button', { name: /^Comment on line 2 of / }).click();
  await compared.getByRole('textbox', { name: 'Comment on line 2' }).fill('Seen from the compare view.');
  await compared.getByRole('button', { name: 'Comment on line 2', exact: true }).click();
  const fromCompare = compared.getByRole('listitem', { name: 'Conversation on line 2' });
  await expect(fromCompare).toContainText('on the compare view');
  await expect(fromCompare.locator('pre')).toHaveText('Two.');
  await page.goto(reviewUrl);
  await expect(page.getByRole('listitem', { name: 'Conversation on line 2' })).toContainText('Seen from the compare view.');

  // The workspace does not ask for resolved conversations; this prompt's own policy does.
  await page.goto(`${ws}/prompts/ranged`);
  await expect(page.getByRole('button', { name: 'Publish r2' })).toBeEnabled();
  await page.goto(`${ws}/prompts/ranged/settings`);
  const promptPolicy = page.getByTestId('prompt-policy-form');
  await promptPolicy.getByLabel('All conversations resolved before publishing').selectOption('yes');
  await promptPolicy.getByRole('button', { name: 'Save prompt policy' }).click();
  await expect(promptPolicy.getByText('Prompt policy saved.')).toBeVisible();
  await expect(page.getByTestId('effective-policy')).toContainText(/All conversations resolved before publishing\s*yes \(this prompt\)/);
  await page.goto(`${ws}/prompts/ranged`);
  await expect(page.getByTestId('publish-blocked')).toContainText('3 conversations are not resolved.');
});
