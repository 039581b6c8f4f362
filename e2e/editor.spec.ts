// The block editor (edit, the first step of the lifecycle): autosave, multi-block editing,
// conflicts between tabs, recovery of unsaved text, offline, restoring an old revision,
// read-only viewers, and no request leaving this machine while Monaco loads.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, noExternalRequests, test } from './fixtures';
import { inviteAndAccept } from './helpers';

/** Autosave waits ~1 s after typing stops; a save itself is quick. */
const SAVE_TIMEOUT = 15_000;
/** Monaco is a lazily loaded chunk of several megabytes. */
const MONACO_TIMEOUT = 30_000;
const UNSAVED_PREFIX = 'galley:unsaved:';

/** Creates a prompt through the dashboard's "New prompt" form and returns the editor's path. */
async function createPrompt(page: Page, workspaceSlug: string, name: string): Promise<string> {
  const dashboard = `/w/${workspaceSlug}`;
  if (new URL(page.url()).pathname !== dashboard) await page.goto(dashboard);
  await page.getByRole('link', { name: 'New prompt' }).click();
  await page.waitForURL((url) => url.pathname === `${dashboard}/prompts/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  const slugField = page.getByLabel('Slug', { exact: true });
  await expect(slugField).not.toHaveValue('');
  const slug = await slugField.inputValue();
  await page.getByRole('button', { name: 'Create prompt', exact: true }).click();
  const path = `${dashboard}/prompts/${slug}`;
  await page.waitForURL((url) => url.pathname === path);
  await expect(page.getByTestId('prompt-editor')).toBeVisible();
  return path;
}

const blocks = (page: Page) => page.getByTestId('block');
const status = (page: Page) => page.getByTestId('save-status');

async function monacoReady(block: Locator): Promise<void> {
  await expect(block.locator('.monaco-editor')).toBeVisible({ timeout: MONACO_TIMEOUT });
  await expect(block.locator('textarea[data-editor-fallback]')).toHaveCount(0);
}

/** Opens (or reloads) the editor and waits for every block's Monaco. */
async function editorReady(page: Page): Promise<void> {
  await expect(page.getByTestId('prompt-editor')).toBeVisible();
  const count = await blocks(page).count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await monacoReady(blocks(page).nth(i));
}

/** Types into a block's Monaco body: at the end of the text, or replacing all of it. */
async function typeInBody(page: Page, block: Locator, text: string, opts: { replace?: boolean } = {}): Promise<void> {
  await monacoReady(block);
  await block.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press(opts.replace ? 'ControlOrMeta+A' : 'ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** What Monaco shows (it renders spaces as no-break spaces). */
async function bodyText(block: Locator): Promise<string> {
  const text = await block.locator('.monaco-editor .view-lines').innerText();
  return text.replace(/\u00a0/g, ' ').trim();
}

async function expectBody(block: Locator, text: string): Promise<void> {
  await monacoReady(block);
  await expect.poll(() => bodyText(block), { timeout: SAVE_TIMEOUT }).toBe(text);
}

/** Waits for the server to confirm revision r<n>. */
async function expectSaved(page: Page, n: number): Promise<void> {
  await expect(status(page)).toHaveText(new RegExp(`^Saved · r${n}( ·|$)`), { timeout: SAVE_TIMEOUT });
  await expect(status(page)).toHaveAttribute('data-status', 'saved');
}

/** Unsaved editor content this browser keeps, by localStorage key. */
async function unsavedDrafts(page: Page): Promise<Record<string, string>> {
  return page.evaluate((prefix) => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith(prefix)) out[key] = localStorage.getItem(key) ?? '';
    }
    return out;
  }, UNSAVED_PREFIX);
}

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Prompt sections' }).getByRole('link', { name: 'History', exact: true }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/history'));
}

/** Block ids in display order. */
async function blockOrder(page: Page): Promise<string[]> {
  return blocks(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-block-id') ?? ''));
}

/** Server actions are POSTs with a Next-Action header. */
function recordServerActions(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) seen.push(request.url());
  });
  return () => [...seen];
}

test.describe('prompt editor', () => {
  test('typing autosaves a new revision that survives a reload and shows in History', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const editor = await createPrompt(page, workspaceSlug, 'Autosave check');
    await editorReady(page);
    await expect(status(page)).toHaveText(/^Saved · r1( ·|$)/);

    await typeInBody(page, blocks(page).first(), 'You are a careful billing assistant.');
    await expectSaved(page, 2);
    // Once the server has it, nothing is left pending on the device.
    expect(await unsavedDrafts(page)).toEqual({});
    // The server-rendered header catches up without a reload, and the editor keeps its text.
    await expect(page.getByTitle('Draft head revision')).toHaveText('draft r2', { timeout: SAVE_TIMEOUT });
    await expectBody(blocks(page).first(), 'You are a careful billing assistant.');

    await page.reload();
    await editorReady(page);
    await expectBody(blocks(page).first(), 'You are a careful billing assistant.');
    await expect(status(page)).toHaveText(/^Saved · r2( ·|$)/);
    await expect(page.getByRole('alert').filter({ hasText: 'unsaved changes' })).toHaveCount(0);

    await openHistory(page);
    expect(new URL(page.url()).pathname).toBe(`${editor}/history`);
    await expect(page.getByTestId('revision-r2')).toBeVisible();
    await expect(page.getByTestId('revision-r2')).toContainText('head');
    await expect(page.getByTestId('revision-r1')).toBeVisible();
    await expect(page.getByTestId('revision-r3')).toHaveCount(0);
  });

  test('a multi-block prompt: add, variables, preview, move, delete and undo, all persisted', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    await createPrompt(page, workspaceSlug, 'Multi block');
    await editorReady(page);
    await expect(blocks(page)).toHaveCount(2);
    const [systemId, userId] = await blockOrder(page);

    await page.getByLabel('New block kind', { exact: true }).selectOption('examples');
    await page.getByRole('button', { name: 'Add block', exact: true }).click();
    await expect(blocks(page)).toHaveCount(3);
    const examples = blocks(page).nth(2);
    await expect(examples).toHaveAttribute('aria-label', 'Block 3: Examples');
    const examplesId = (await examples.getAttribute('data-block-id'))!;
    await typeInBody(page, examples, 'Hello {{customer}}');
    await expectBody(examples, 'Hello {{customer}}');

    // Used but not defined: the Variables panel says so and offers to define it.
    const variables = page.getByRole('region', { name: 'Variables' });
    const warning = variables.getByRole('alert').filter({ hasText: 'is used but not defined' });
    await expect(warning).toContainText('{{customer}}');
    await warning.getByRole('button', { name: 'Define', exact: true }).click();
    await expect(variables.getByTestId('variable-customer')).toBeVisible();
    await expect(warning).toHaveCount(0);

    // A required variable with no sample value cannot render; a sample value fixes it.
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview.getByRole('alert', { name: 'Render errors' })).toContainText('customer');
    await preview.getByLabel('Sample value for customer', { exact: true }).fill('Ada Lovelace');
    await expect(preview.getByRole('alert', { name: 'Render errors' })).toHaveCount(0);
    await expect(preview.getByRole('list', { name: 'Rendered messages' })).toContainText('Hello Ada Lovelace');

    // Move the new block up one place.
    await page.getByRole('button', { name: 'Move Examples up', exact: true }).click();
    await expect.poll(() => blockOrder(page)).toEqual([systemId, examplesId, userId]);
    await expect(blocks(page).nth(1)).toHaveAttribute('aria-label', 'Block 2: Examples');

    // Delete the last block, then undo: it comes back in the same place.
    await page.getByRole('button', { name: 'Delete User', exact: true }).click();
    await expect.poll(() => blockOrder(page)).toEqual([systemId, examplesId]);
    const deleted = page.getByRole('status').filter({ hasText: 'Block “User” deleted.' });
    await deleted.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => blockOrder(page)).toEqual([systemId, examplesId, userId]);
    await expect(deleted).toHaveCount(0);

    // Every change so far lands in one head; its number depends on how saves were batched.
    await expect(status(page)).toHaveAttribute('data-status', 'saved', { timeout: SAVE_TIMEOUT });
    await expect(status(page)).toHaveText(/^Saved · r\d+/);
    expect(await unsavedDrafts(page)).toEqual({});

    await page.reload();
    await editorReady(page);
    expect(await blockOrder(page)).toEqual([systemId, examplesId, userId]);
    await expect(page.getByLabel('Title of block 2', { exact: true })).toHaveValue('Examples');
    await expectBody(blocks(page).nth(1), 'Hello {{customer}}');
    await expect(page.getByRole('region', { name: 'Variables' }).getByTestId('variable-customer')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Variables' }).getByText('is used but not defined')).toHaveCount(0);
    // Sample values belong to the preview, not to the prompt: the required variable is missing again.
    await expect(page.getByRole('region', { name: 'Preview' }).getByRole('alert', { name: 'Render errors' })).toContainText('customer');
  });

  // Regression: each autosave revalidated the page, and the editor (keyed by the head
  // revision) remounted with the server's copy, so whatever was typed while the save was in
  // flight vanished from the editor and only came back as a "restore unsaved changes" offer.
  test('text typed while a save is in flight stays in the editor and is saved next', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const editor = await createPrompt(page, workspaceSlug, 'In flight');
    await editorReady(page);

    // Hold the first save's response until more has been typed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    await page.route(`**${editor}`, async (route) => {
      if (!route.request().headers()['next-action'] || !holding) return route.fallback();
      holding = false;
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });

    const body = blocks(page).first();
    await typeInBody(page, body, 'First part.');
    await expect(status(page)).toHaveText('Saving…', { timeout: SAVE_TIMEOUT });
    await page.keyboard.type(' Second part.');
    await expectBody(body, 'First part. Second part.');
    release();

    await expectSaved(page, 3);
    // After the page's own refresh (header shows r3) the editor still has everything.
    await expect(page.getByTitle('Draft head revision')).toHaveText('draft r3', { timeout: SAVE_TIMEOUT });
    await expectBody(body, 'First part. Second part.');
    await expect(page.getByRole('alert').filter({ hasText: 'This device has unsaved changes' })).toHaveCount(0);
    expect(await unsavedDrafts(page)).toEqual({});

    await page.reload();
    await editorReady(page);
    await expectBody(blocks(page).first(), 'First part. Second part.');
  });

  test.describe('two tabs editing the same draft', () => {
    async function twoTabs(
      context: BrowserContext,
      page: Page,
      signUp: (page: Page, input?: { name?: string }) => Promise<{ workspaceSlug: string }>,
    ) {
      const name = `Tab Author ${Date.now().toString(36)}`;
      const { workspaceSlug } = await signUp(page, { name });
      const editor = await createPrompt(page, workspaceSlug, 'Two tabs');
      await editorReady(page);
      const pageB = await context.newPage();
      await pageB.goto(editor);
      await editorReady(pageB);
      await expect(status(pageB)).toHaveText(/^Saved · r1( ·|$)/);

      // A saves r2 while B still has r1.
      await typeInBody(page, blocks(page).first(), 'from A');
      await expectSaved(page, 2);

      await typeInBody(pageB, blocks(pageB).first(), 'from B');
      await expect(status(pageB)).toHaveAttribute('data-status', 'conflict', { timeout: SAVE_TIMEOUT });
      await expect(status(pageB)).toHaveText('Conflict');
      const banner = pageB.getByRole('alert').filter({ hasText: 'Conflict:' });
      await expect(banner).toContainText('r2');
      // …and who moved it.
      await expect(banner).toContainText(name);
      // B's text is still on the screen and kept on the device.
      await expectBody(blocks(pageB).first(), 'from B');
      expect(Object.values(await unsavedDrafts(pageB)).join('\n')).toContain('from B');
      return { editor, pageB, banner };
    }

    test('"Load the latest" shows the other tab\'s text and keeps mine to copy', async ({ context, page, signUp }) => {
      const { pageB, banner } = await twoTabs(context, page, signUp);

      await banner.getByRole('button', { name: 'Load the latest (my text stays available to copy)', exact: true }).click();
      await expectBody(blocks(pageB).first(), 'from A');
      await expect(pageB.getByTestId('kept-text').filter({ hasText: 'from B' })).toBeVisible();
      await expect(banner).toHaveCount(0);
      await expect(status(pageB)).toHaveText(/^Saved · r2( ·|$)/);

      // Nothing B did overwrote A: A's reload still shows A's text.
      await page.reload();
      await editorReady(page);
      await expectBody(blocks(page).first(), 'from A');
      await expect(status(page)).toHaveText(/^Saved · r2( ·|$)/);
    });

    test('"Save mine on top" saves B as r3, which A then loads', async ({ context, page, signUp }) => {
      const { editor, pageB, banner } = await twoTabs(context, page, signUp);

      await banner.getByRole('button', { name: 'Save mine on top', exact: true }).click();
      await expectSaved(pageB, 3);
      await expect(banner).toHaveCount(0);
      await expectBody(blocks(pageB).first(), 'from B');

      await page.reload();
      await editorReady(page);
      await expectBody(blocks(page).first(), 'from B');
      await expect(status(page)).toHaveText(/^Saved · r3( ·|$)/);

      // A's r2 is still in the history: overwriting appends, it does not replace.
      await page.goto(`${editor}/history`);
      await expect(page.getByTestId('revision-r3')).toBeVisible();
      await expect(page.getByTestId('revision-r2')).toBeVisible();
    });
  });

  test('text typed just before the tab crashes is offered back and then saved', async ({ context, page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const editor = await createPrompt(page, workspaceSlug, 'Crash recovery');
    await editorReady(page);

    // The tab's renderer crashes before the autosave debounce fires: no unload handler, no
    // "hidden" flush, so the text exists only in this browser's localStorage. (A plain
    // close is not enough here: the flush on "hidden" usually gets the save out.)
    await typeInBody(page, blocks(page).first(), 'Text that must not be lost');
    const crashed = page.waitForEvent('crash');
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => {}); // never answered: the renderer is gone
    await crashed;

    const again = await context.newPage();
    await again.goto(editor);
    await editorReady(again);
    // The server never got it…
    await expect(status(again)).toHaveText(/^Saved · r1( ·|$)/);
    await expectBody(blocks(again).first(), '');
    // …but this device did.
    const recovery = again.getByRole('alert').filter({ hasText: 'This device has unsaved changes' });
    await expect(recovery).toContainText('based on r1');
    await recovery.getByRole('button', { name: 'Restore unsaved changes', exact: true }).click();
    await expect(recovery).toHaveCount(0);
    await expectBody(blocks(again).first(), 'Text that must not be lost');
    await expectSaved(again, 2);
    expect(await unsavedDrafts(again)).toEqual({});

    await again.reload();
    await editorReady(again);
    await expectBody(blocks(again).first(), 'Text that must not be lost');
    await expect(again.getByRole('alert').filter({ hasText: 'This device has unsaved changes' })).toHaveCount(0);
  });

  test('offline edits are kept on the device and saved when the network is back', async ({ context, page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    await createPrompt(page, workspaceSlug, 'Offline edits');
    await editorReady(page);

    await context.setOffline(true);
    await typeInBody(page, blocks(page).first(), 'Written on a train');
    await expect(status(page)).toHaveText('Offline — changes kept on this device', { timeout: SAVE_TIMEOUT });
    await expect(status(page)).toHaveAttribute('data-status', 'offline');
    expect(Object.values(await unsavedDrafts(page)).join('\n')).toContain('Written on a train');

    await context.setOffline(false);
    await expectSaved(page, 2);
    expect(await unsavedDrafts(page)).toEqual({});

    await page.reload();
    await editorReady(page);
    await expectBody(blocks(page).first(), 'Written on a train');
  });

  test('restoring an old revision appends it as the new head', async ({ page, signUp }) => {
    const { workspaceSlug } = await signUp(page);
    const editor = await createPrompt(page, workspaceSlug, 'Restore me');
    await editorReady(page);
    const body = blocks(page).first();

    await typeInBody(page, body, 'First wording');
    await expectSaved(page, 2);
    await typeInBody(page, body, 'Second wording', { replace: true });
    await expectBody(body, 'Second wording');
    await expectSaved(page, 3);

    await openHistory(page);
    await page.getByTestId('revision-r2').getByRole('link', { name: 'r2', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${editor}/revisions/2`);
    await expect(page.getByText('First wording')).toBeVisible();
    await page.getByRole('button', { name: 'Restore this revision', exact: true }).click();

    await page.waitForURL((url) => url.pathname === editor);
    await editorReady(page);
    await expectBody(blocks(page).first(), 'First wording');
    await expect(status(page)).toHaveText(/^Saved · r4( ·|$)/);

    await openHistory(page);
    const r4 = page.getByTestId('revision-r4');
    await expect(r4).toContainText('restore of r2');
    await expect(r4).toContainText('head');
    await expect(page.getByTestId('revision-r3')).toBeVisible();
    await expect(page.getByTestId('revision-r3')).not.toContainText('head');
  });

  test('a viewer can read the editor but not change or save anything', async ({ browser, page, signUp }) => {
    const a = await signUp(page);
    const editor = await createPrompt(page, a.workspaceSlug, 'Viewer check');
    await editorReady(page);
    await typeInBody(page, blocks(page).first(), 'Owner text');
    await expectSaved(page, 2);

    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    const b = await signUp(pageB);

    await inviteAndAccept(page, pageB, a.workspaceSlug, b.email, 'viewer');

    const actions = recordServerActions(pageB);
    await pageB.goto(editor);
    await editorReady(pageB);
    await expect(pageB.getByText('You can read this prompt; your role cannot edit it.')).toBeVisible();
    await expect(status(pageB)).toHaveText('Read-only · r2');
    await expect(pageB.getByRole('button', { name: 'Add block' })).toHaveCount(0);
    await expect(pageB.getByLabel('New block kind')).toHaveCount(0);
    await expect(pageB.getByRole('button', { name: /^(Move|Duplicate|Delete) / })).toHaveCount(0);
    await expect(pageB.getByLabel('Title of block 1', { exact: true })).not.toBeEditable();

    const body = blocks(pageB).first();
    await expectBody(body, 'Owner text');
    await typeInBody(pageB, body, ' plus viewer edits');
    await pageB.keyboard.press('ControlOrMeta+S');
    await pageB.getByRole('heading', { name: 'Viewer check', level: 1 }).click(); // blur
    // Give the autosave debounce its chance to (wrongly) fire.
    await pageB.waitForTimeout(2_000);
    expect(await bodyText(body)).toBe('Owner text');
    await expect(status(pageB)).toHaveText('Read-only · r2');
    expect(actions()).toEqual([]);
    expect(await unsavedDrafts(pageB)).toEqual({});

    // The server still has r2 as the head.
    await page.goto(`${editor}/history`);
    await expect(page.getByTestId('revision-r2')).toContainText('head');
    await expect(page.getByTestId('revision-r3')).toHaveCount(0);
    await contextB.close();
  });

  test('loading Monaco and typing make no request outside this machine', async ({ page, signUp }) => {
    const external = noExternalRequests(page);
    const { workspaceSlug } = await signUp(page);
    const editor = await createPrompt(page, workspaceSlug, 'Local only');
    await editorReady(page);
    await typeInBody(page, blocks(page).first(), 'Hello {{name}}');
    await expectSaved(page, 2);

    // A cold load of the editor page too, not only the client-side navigation from the form.
    await page.goto(editor);
    await editorReady(page);
    await typeInBody(page, blocks(page).nth(1), 'Reply to {{name}}');
    await expectSaved(page, 3);
    expect(external()).toEqual([]);
  });
});
