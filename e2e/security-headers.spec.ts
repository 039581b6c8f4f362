// Regression: no security headers were sent, and a page on another origin could frame
// /w/<ws>/settings signed in. Every page (and the API) now carries them, each page's scripts
// run under a per-request CSP nonce, and the fixtures fail any test whose page reports a CSP
// violation (e2e/fixtures.ts), so every spec is also a CSP check.
import { expect, test } from './fixtures';

const PAGE_HEADERS: Record<string, string | RegExp> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': /camera=\(\)/,
  'content-security-policy': /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'.*frame-ancestors 'none'/,
};

test('every page sends the security headers, with a fresh nonce each time, and its scripts run', async ({ page, signUp }) => {
  const user = await signUp(page);
  const ws = `/w/${user.workspaceSlug}`;
  await page.goto(`${ws}/prompts/new`);
  await page.getByLabel('Name', { exact: true }).fill('Headers');
  await page.getByRole('button', { name: 'Create prompt', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `${ws}/prompts/headers`);
  const prompt = `${ws}/prompts/headers`;
  const pages = [
    '/login',
    '/signup',
    '/workspaces/new',
    ws,
    `${ws}/reviews`,
    `${ws}/audit`,
    `${ws}/settings`,
    `${ws}/prompts/new`,
    prompt,
    `${prompt}/history`,
    `${prompt}/compare`,
    `${prompt}/releases`,
    `${prompt}/reviews`,
    `${prompt}/settings`,
    `${prompt}/tests`,
    `${prompt}/revisions/1`,
    '/no-such-page',
  ];
  const nonces = new Set<string>();
  for (const path of pages) {
    const response = await page.goto(path);
    const headers = response!.headers();
    for (const [name, expected] of Object.entries(PAGE_HEADERS)) {
      if (typeof expected === 'string') expect(headers[name], `${name} on ${path}`).toBe(expected);
      else expect(headers[name], `${name} on ${path}`).toMatch(expected);
    }
    nonces.add(/'nonce-([^']+)'/.exec(headers['content-security-policy']!)![1]!);
    // The scripts ran (React hydrated): nothing was blocked.
    await page.waitForFunction(() => document.querySelectorAll('script[nonce]').length > 0 || document.scripts.length === 0);
  }
  expect(nonces.size).toBe(pages.length);

  // The API: nosniff on JSON, fast path and Next route alike.
  for (const path of ['/api/v1/prompts', '/api/public/v2/prompts', '/api/mcp', '/api/health', '/api/no-such-endpoint']) {
    expect((await page.request.get(path)).headers()['x-content-type-options'], path).toBe('nosniff');
  }
});

test('another origin cannot frame a signed-in page', async ({ browser, baseURL, signUp, page }) => {
  const user = await signUp(page);
  // A separate context: the refusal is itself reported as a CSP violation, which this test expects.
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  const attacker = await context.newPage();
  // Another origin on the same site (another port), as in the finding: the session cookie is sent.
  const base = new URL(baseURL!);
  const other = `${base.protocol}//${base.hostname}:${Number(base.port) + 1}`;
  const target = `${baseURL}/w/${user.workspaceSlug}/settings`;
  await attacker.route(`${other}/attacker.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<h1>attacker</h1><iframe src="${target}"></iframe>` }),
  );
  await attacker.goto(`${other}/attacker.html`);
  // The browser refused to show the page: the frame holds its error page, not Galley.
  const frame = () => attacker.frames().find((f) => f !== attacker.mainFrame());
  await expect.poll(() => frame()?.url(), { message: 'the frame was blocked' }).toMatch(/^chrome-error:/);
  await context.close();
});
