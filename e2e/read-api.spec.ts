// The read API end to end (ARCHITECTURE.md, "The read API's fast path"): a prompt written and published in the UI,
// keys made in Settings, then read over HTTP from this process — ETag/304, environments,
// render and its variable checks — through the SDK, @galley/client (TTL, If-None-Match,
// stale-while-revalidate, fallback, local render) and finally a revoke that takes effect at
// once.
import { createServer } from 'node:net';
import type { BrowserContext, Page } from '@playwright/test';
import { GalleyClient, type ServedPrompt } from '@galley/client';
import { expect, test } from './fixtures';

const SAVE_TIMEOUT = 15_000;
const MONACO_TIMEOUT = 30_000;
const TTL_MS = 1_500;

interface Shared {
  context: BrowserContext;
  page: Page;
  base: string;
  ws: string;
  slug: string;
  promptPath: string;
  prodKey: string;
  devKey: string;
  /** Draft head when v1 was published. */
  v1Revision: number;
  v1Hash: string;
}

const s = {} as Shared;

// ---- UI helpers ---------------------------------------------------------------------------

/** The revision number the editor says is saved, or 0 while a save is pending. */
async function savedRevision(page: Page): Promise<number> {
  const status = page.getByTestId('save-status');
  if ((await status.getAttribute('data-status')) !== 'saved') return 0;
  return Number(/^Saved · r(\d+)/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
}

/** Waits until the server confirms a revision newer than `after`; returns its number. */
async function waitForSaveAfter(page: Page, after: number): Promise<number> {
  await expect.poll(() => savedRevision(page), { timeout: SAVE_TIMEOUT, message: `a save after r${after}` }).toBeGreaterThan(after);
  return savedRevision(page);
}

async function typeInFirstBlock(page: Page, text: string): Promise<void> {
  const block = page.getByTestId('block').first();
  await expect(block.locator('.monaco-editor')).toBeVisible({ timeout: MONACO_TIMEOUT });
  await expect(block.locator('textarea[data-editor-fallback]')).toHaveCount(0);
  await block.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** Publishes the draft head from the editor with a release note; returns the head number. */
async function publishFromEditor(page: Page, note: string, version: number): Promise<number> {
  await page.goto(s.promptPath);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: SAVE_TIMEOUT });
  const head = await savedRevision(page);
  await page.getByRole('button', { name: `Publish r${head}`, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Publish r${head} as v${version}` });
  await dialog.getByLabel('Release note').fill(note);
  await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByText(`Published r${head} as v${version}.`)).toBeVisible();
  return head;
}

/** Creates a key in Settings and reads it from the "shown once" box. */
async function createKeyInUi(page: Page, name: string, environment: 'production' | 'development'): Promise<string> {
  await page.goto(`/w/${s.ws}/settings`);
  await page.getByLabel('Key name', { exact: true }).fill(name);
  await page.getByRole('combobox', { name: 'Environment', exact: true }).selectOption(environment);
  await page.getByRole('button', { name: 'Create key', exact: true }).click();
  const box = page.getByTestId('new-api-key');
  await expect(box).toContainText(`Key “${name}” created`);
  const key = await box.getByLabel('API key', { exact: true }).inputValue();
  expect(key).toMatch(new RegExp(`^glk_${environment === 'production' ? 'prod' : 'dev'}_[A-Za-z0-9]{20,}$`));
  await box.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(box).toHaveCount(0);
  // The table lists it by name, without the secret.
  await expect(page.getByRole('row').filter({ hasText: name })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(key);
  return key;
}

// ---- HTTP helpers -------------------------------------------------------------------------

function api(path: string, key: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${s.base}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
  });
}

async function served(
  key: string,
  query = '',
): Promise<{ status: number; headers: Headers; body: ServedPrompt & { error?: { code: string; message: string } } }> {
  const res = await api(`/prompts/${s.slug}${query}`, key);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

function renderApi(key: string, body: unknown): Promise<Response> {
  return api(`/prompts/${s.slug}/render`, key, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Call {
  url: string;
  status: number | 'failed';
  ifNoneMatch: string | null;
}

/** A fetch that records what the client sends, and can be pointed elsewhere mid-test. */
function recordingFetch(target: { rewrite?: (url: string) => string }) {
  const calls: Call[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const url = target.rewrite ? target.rewrite(String(input)) : String(input);
    const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
    try {
      const res = await fetch(url, init);
      calls.push({ url, status: res.status, ifNoneMatch });
      return res;
    } catch (e) {
      calls.push({ url, status: 'failed', ifNoneMatch });
      throw e;
    }
  };
  return { calls, fetch: wrapped };
}

// ---- The flow -----------------------------------------------------------------------------

test.describe.serial('read API with keys from the UI', () => {
  test.describe.configure({ timeout: 120_000 });

  test.beforeAll(async ({ browser }) => {
    s.context = await browser.newContext();
    s.page = await s.context.newPage();
    const base = test.info().project.use.baseURL;
    if (!base) throw new Error('The Playwright project needs a baseURL');
    s.base = base;
  });

  test.afterAll(async () => {
    await s.context?.close();
  });

  test('(a) publish v1 in the editor and create a production and a development key in Settings', async ({ signUp }) => {
    const { page } = s;
    const user = await signUp(page);
    s.ws = user.workspaceSlug;

    await page.goto(`/w/${s.ws}/prompts/new`);
    await page.getByLabel('Name', { exact: true }).fill('Greeter API');
    const slugField = page.getByLabel('Slug', { exact: true });
    await expect(slugField).not.toHaveValue('');
    s.slug = await slugField.inputValue();
    await page.getByRole('button', { name: 'Create prompt', exact: true }).click();
    s.promptPath = `/w/${s.ws}/prompts/${s.slug}`;
    await page.waitForURL((url) => url.pathname === s.promptPath);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    const r1 = await savedRevision(page);

    await typeInFirstBlock(page, 'You greet {{customer}} politely.');
    const typed = await waitForSaveAfter(page, r1);
    const variables = page.getByRole('region', { name: 'Variables' });
    const warning = variables.getByRole('alert').filter({ hasText: 'is used but not defined' });
    await warning.getByRole('button', { name: 'Define', exact: true }).click();
    await expect(variables.getByTestId('variable-customer')).toBeVisible();
    await waitForSaveAfter(page, typed);

    s.v1Revision = await publishFromEditor(page, 'First greeting', 1);
    await page.goto(`${s.promptPath}/releases`);
    await expect(page.getByTestId('release-v1')).toContainText('First greeting');

    s.prodKey = await createKeyInUi(page, 'Checkout service', 'production');
    s.devKey = await createKeyInUi(page, 'Local dev', 'development');
    expect(s.devKey).not.toBe(s.prodKey);
  });

  test('(b) environments, ETag/304, revisions and render over HTTP', async () => {
    // production: the release, with its hash as the ETag.
    const v1 = await served(s.prodKey);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ slug: s.slug, environment: 'production', kind: 'release', version: 1 });
    expect(JSON.stringify(v1.body.content)).toContain('You greet {{customer}} politely.');
    expect(v1.headers.get('etag')).toBe(`"${v1.body.contentHash}"`);
    expect(v1.headers.get('x-galley-version')).toBe('1');
    s.v1Hash = v1.body.contentHash;

    // The same ETag back: 304 with no body. A list of tags and a weak tag match too.
    for (const tag of [`"${s.v1Hash}"`, `"nope", "${s.v1Hash}"`, `W/"${s.v1Hash}"`]) {
      const notModified = await api(`/prompts/${s.slug}`, s.prodKey, { headers: { 'if-none-match': tag } });
      expect(notModified.status, `If-None-Match: ${tag}`).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('etag')).toBe(`"${s.v1Hash}"`);
    }
    const stale = await api(`/prompts/${s.slug}`, s.prodKey, { headers: { 'if-none-match': '"0000"' } });
    expect(stale.status).toBe(200);

    // A pinned release is immutable.
    const pinned = await served(s.prodKey, '?version=1');
    expect(pinned.status).toBe(200);
    expect(pinned.body.contentHash).toBe(s.v1Hash);
    expect(pinned.headers.get('cache-control')).toContain('immutable');

    // A production key never reads revisions.
    const forbidden = await served(s.prodKey, '?revision=1');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('development key') });

    // development: the draft head, which is what was published so far…
    const devHead = await served(s.devKey);
    expect(devHead.status).toBe(200);
    expect(devHead.body).toMatchObject({ environment: 'development', kind: 'revision', revision: s.v1Revision, contentHash: s.v1Hash });
    expect(devHead.headers.get('x-galley-revision')).toBe(String(s.v1Revision));
    const r1 = await served(s.devKey, '?revision=1');
    expect(r1.body).toMatchObject({ kind: 'revision', revision: 1 });
    expect(r1.body.contentHash).not.toBe(s.v1Hash);

    // …and moves with the next save, while production stays on v1.
    const { page } = s;
    await page.goto(s.promptPath);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
    await typeInFirstBlock(page, ' Keep it brief.');
    const head = await waitForSaveAfter(page, s.v1Revision);
    const moved = await served(s.devKey);
    expect(moved.body).toMatchObject({ kind: 'revision', revision: head });
    expect(JSON.stringify(moved.body.content)).toContain('politely. Keep it brief.');
    expect((await served(s.prodKey)).body).toMatchObject({ version: 1, contentHash: s.v1Hash });

    // render: variables in, chat messages out.
    const rendered = await renderApi(s.prodKey, { variables: { customer: 'Ada' } });
    expect(rendered.status).toBe(200);
    expect(await rendered.json()).toMatchObject({
      messages: [{ role: 'system', content: 'You greet Ada politely.' }],
      text: 'You greet Ada politely.',
      version: 1,
      contentHash: s.v1Hash,
    });
    const devRendered = await renderApi(s.devKey, { variables: { customer: 'Ada' } });
    expect((await devRendered.json()).messages).toEqual([{ role: 'system', content: 'You greet Ada politely. Keep it brief.' }]);

    // A missing required variable is a 422 that names it.
    const missing = await renderApi(s.prodKey, { variables: {} });
    expect(missing.status).toBe(422);
    const error = (await missing.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('invalid');
    expect(error.error.message).toContain('customer');
    const wrongType = await renderApi(s.prodKey, { variables: { customer: 42 } });
    expect(wrongType.status).toBe(422);
    expect(((await wrongType.json()) as { error: { message: string } }).error.message).toContain('customer');
  });

  test('(c) GalleyClient: TTL, If-None-Match revalidation, new releases, fallback and local render', async () => {
    const recorder = recordingFetch({});
    const client = new GalleyClient({ baseUrl: s.base, apiKey: s.prodKey, ttlMs: TTL_MS, fetch: recorder.fetch });

    const first = await client.get(s.slug);
    expect(first).toMatchObject({ source: 'network', slug: s.slug, kind: 'release', version: 1, contentHash: s.v1Hash });
    expect(recorder.calls.map((c) => c.status)).toEqual([200]);

    // Within the TTL: straight from memory.
    const again = await client.get(s.slug);
    expect(again).toMatchObject({ source: 'cache', version: 1 });
    expect(recorder.calls).toHaveLength(1);

    // After the TTL: the cached copy at once, and a conditional request behind it that gets 304.
    await new Promise((r) => setTimeout(r, TTL_MS + 200));
    expect(await client.get(s.slug)).toMatchObject({ source: 'stale', version: 1 });
    await expect.poll(() => recorder.calls.length).toBe(2);
    expect(recorder.calls[1]).toMatchObject({ status: 304, ifNoneMatch: `"${s.v1Hash}"` });
    // The 304 refreshed the entry: the next read is fresh again, with no request.
    expect((await client.get(s.slug)).version).toBe(1);
    expect(recorder.calls).toHaveLength(2);

    // Publish v2 in the UI: the server answers v2 at once, the client after its TTL.
    await publishFromEditor(s.page, 'Brief greeting', 2);
    const direct = await served(s.prodKey);
    expect(direct.body).toMatchObject({ version: 2 });
    const v2Hash = direct.body.contentHash;
    expect(v2Hash).not.toBe(s.v1Hash);
    const published = Date.now();
    await expect.poll(async () => (await client.get(s.slug)).version, { timeout: TTL_MS * 3 + 5_000, intervals: [100] }).toBe(2);
    const seenAfter = Date.now() - published;
    const last = recorder.calls.at(-1)!;
    expect(last).toMatchObject({ status: 200, ifNoneMatch: `"${s.v1Hash}"` });
    expect((await client.get(s.slug)).contentHash).toBe(v2Hash);
    test.info().annotations.push({ type: 'client saw v2 after', description: `${seenAfter} ms (TTL ${TTL_MS} ms)` });

    // Nothing listening and nothing cached: the caller's fallback, flagged, or an error without one.
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const offline = new GalleyClient({ baseUrl: closed, apiKey: s.prodKey, ttlMs: TTL_MS, timeoutMs: 2_000, backoffMs: 50 });
    const fallback = { content: first.content, name: 'Bundled fallback' };
    expect(await offline.get(s.slug, { fallback })).toMatchObject({
      source: 'fallback',
      name: 'Bundled fallback',
      version: null,
      content: first.content,
    });
    await expect(offline.get(s.slug)).rejects.toMatchObject({ name: 'GalleyError', status: 0, code: 'unreachable' });
    const bundled = await offline.render(s.slug, { customer: 'Ada' }, { fallback });
    expect(bundled).toMatchObject({ source: 'fallback', version: null, contentHash: null });
    expect(bundled.text).toContain('You greet Ada politely.');

    // render() renders locally from the cache: equal to the server's render, with no request when warm.
    const target: { rewrite?: (url: string) => string } = {};
    const cut = recordingFetch(target);
    const resilient = new GalleyClient({
      baseUrl: s.base,
      apiKey: s.prodKey,
      ttlMs: TTL_MS,
      timeoutMs: 2_000,
      backoffMs: 50,
      fetch: cut.fetch,
    });
    expect((await resilient.get(s.slug)).version).toBe(2);
    const online = (await (await renderApi(s.prodKey, { variables: { customer: 'Ada' } })).json()) as { messages: unknown; text: string };
    const requests = cut.calls.length;
    const local = await resilient.render(s.slug, { customer: 'Ada' });
    expect(cut.calls).toHaveLength(requests);
    expect(local).toEqual({ messages: online.messages, text: online.text, version: 2, contentHash: v2Hash, source: 'cache' });
    expect(local.messages).toEqual([{ role: 'system', content: 'You greet Ada politely. Keep it brief.' }]);

    // The server goes away: past the TTL the stale copy still renders; its background refresh fails.
    target.rewrite = (url) => url.replace(s.base, closed);
    await new Promise((r) => setTimeout(r, TTL_MS + 200));
    expect(await resilient.render(s.slug, { customer: 'Ada' })).toMatchObject({ source: 'stale', text: online.text, version: 2 });
    await expect.poll(() => cut.calls.at(-1)?.status).toBe('failed');
    // The variable rules still hold offline.
    await expect(resilient.render(s.slug, {})).rejects.toMatchObject({ name: 'GalleyError', status: 422, code: 'invalid' });
  });

  test('(d) revoking the production key in Settings refuses it at once', async () => {
    const { page } = s;
    // Warm the server's key cache, so the refusal proves the invalidation, not a cold lookup.
    expect((await served(s.prodKey)).status).toBe(200);

    await page.goto(`/w/${s.ws}/settings`);
    const row = page.getByRole('row').filter({ hasText: 'Checkout service' });
    await row.getByRole('button', { name: 'Revoke', exact: true }).click();
    await row.getByRole('button', { name: 'Revoke Checkout service', exact: true }).click();
    await expect(row.getByText('revoked', { exact: true })).toBeVisible();

    const refused = await served(s.prodKey);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(refused.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('revoked') });
    const refusedRender = await renderApi(s.prodKey, { variables: { customer: 'Ada' } });
    expect(refusedRender.status).toBe(401);
    // The other key is untouched.
    expect((await served(s.devKey)).status).toBe(200);
  });
});
