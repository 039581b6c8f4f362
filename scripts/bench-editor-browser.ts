// `npm run bench:editor:browser`: the editor in Chromium (Playwright), on a 3-block and a
// 200-block / ~240 KB prompt in the same run: time from navigation to the first editable
// block body, to the first Monaco editor, to Monaco in every block on screen; the JS heap
// once settled; and keystroke-to-paint p50/p95 (keydown to the frame after it) while typing
// into the first block. Prints figures and the budget lines; asserts nothing.
//   npm run bench:editor:browser -- [keystrokes]
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { authorize } from '../lib/authz';
import { closeDatabase, openDatabase } from '../lib/data/db';
import { createPrompt } from '../lib/data/prompts';
import { createAccount } from '../lib/data/users';
import { setSingleton } from '../lib/singleton';
import { benchContent } from './lib/bench-content';
import { freePort, startServer, waitFor } from './lib/server-harness';

const KEYSTROKES = Number(process.argv[2] ?? 60);
const EMAIL = 'bench-browser@example.test';
const PASSWORD = 'correct horse battery staple';
const BUDGET = { small: 800, big: 1200, heapMb: 50 };

const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-bench-browser-'));
setSingleton('Db', openDatabase({ dir: dataDir }));
const { userId, workspaceSlug } = await createAccount({ name: 'Bench', email: EMAIL, password: PASSWORD });
const ctx = await authorize(userId, workspaceSlug, 'prompt.create');
await createPrompt(ctx, { name: 'Small', slug: 'small', description: '', tags: [] }, benchContent(3, 400, 0));
await createPrompt(ctx, { name: 'Big', slug: 'big', description: '', tags: [] }, benchContent(200, 1200, 0));
await closeDatabase();

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = startServer(port, { GALLEY_DATA_DIR: dataDir, NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'bench-secret-not-for-production' });
process.on('exit', () => server.kill('SIGTERM'));
await waitFor(`${base}/api/health`);

const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
// tsx (esbuild keepNames) wraps named functions in __name(), which page.evaluate sends as source.
await context.addInitScript('globalThis.__name = (fn) => fn;');
// How many block cards React renders per keystroke: a stand-in for React DevTools' hook
// counts, on each commit while __countCards is set, the cards (the component whose host
// child is li[data-testid=block]) whose hook list is new; a card React bailed out of keeps it.
await context.addInitScript(`(() => {
  const seen = new WeakMap();
  window.__cardRenders = 0;
  window.__commits = 0;
  window.__countCards = false;
  const visit = (root) => {
    const stack = [root];
    while (stack.length) {
      const f = stack.pop();
      const c = f.child;
      if ((f.tag === 0 || f.tag === 15) && c && c.tag === 5 && c.stateNode?.dataset?.testid === 'block') {
        const prev = seen.get(c.stateNode);
        if (prev !== undefined && prev !== f.memoizedState) window.__cardRenders++;
        seen.set(c.stateNode, f.memoizedState);
      }
      if (f.sibling) stack.push(f.sibling);
      if (c) stack.push(c);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    renderers: new Map(), supportsFiber: true, isDisabled: false,
    inject(r) { const id = this.renderers.size + 1; this.renderers.set(id, r); return id; },
    checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onCommitFiberRoot(id, root) { if (window.__countCards) { window.__commits++; visit(root.current); } },
  };
})();`);
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.getByLabel('Email', { exact: true }).fill(EMAIL);
await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
await page.getByRole('button', { name: 'Sign in', exact: true }).click();
await page.waitForURL(/\/w\//);

/** Milliseconds since navigation start when `test` (run in the page each frame) first holds. */
async function firstTime(p: Page, test: string): Promise<number> {
  return p.evaluate(
    (source) =>
      new Promise<number>((resolve) => {
        const check = new Function(`return (${source})`) as () => boolean;
        const tick = () => (check() ? resolve(performance.now()) : requestAnimationFrame(tick));
        tick();
      }),
    test,
  );
}

const onScreen = `[...document.querySelectorAll('[data-testid="block"]')].filter((b) => { const r = b.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; })`;

async function measure(slug: string) {
  // Two warm-up loads so chunks are compiled and cached, as for an author who returns.
  for (let i = 0; i < 2; i++) {
    await page.goto(`${base}/w/${workspaceSlug}/prompts/${slug}`);
    await page.locator('.monaco-editor').first().waitFor();
  }
  await page.goto(`${base}/w/${workspaceSlug}/prompts/${slug}`, { waitUntil: 'commit' });
  const [editable, monaco, allVisible] = await Promise.all([
    firstTime(page, `!!document.querySelector('[data-testid="block"] textarea, [data-testid="block"] .monaco-editor')`),
    firstTime(page, `!!document.querySelector('[data-testid="block"] .monaco-editor')`),
    firstTime(page, `(() => { const s = ${onScreen}; return s.length > 0 && s.every((b) => b.querySelector('.monaco-editor')); })()`),
  ]);
  await page.waitForTimeout(1500);
  const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
  const instances = await page.locator('.monaco-editor').count();

  await page.locator('[data-testid="block"]').first().locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    window.addEventListener(
      'keydown',
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => setTimeout(() => w.__lat.push(performance.now() - t0), 0));
      },
      true,
    );
  });
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.press(i % 10 === 9 ? 'Space' : 'KeyA', { delay: 10 });
  await page.waitForTimeout(300);
  const lat = (await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)).sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;
  // Then count renders over a few more keystrokes (the walk over the tree costs time of its own).
  const COUNTED = 10;
  await page.evaluate(() => {
    const w = window as unknown as { __countCards: boolean; __cardRenders: number; __commits: number };
    w.__countCards = true;
  });
  await page.waitForTimeout(100);
  await page.evaluate(() => {
    const w = window as unknown as { __cardRenders: number; __commits: number };
    w.__cardRenders = 0;
    w.__commits = 0;
  });
  for (let i = 0; i < COUNTED; i++) await page.keyboard.press('KeyB', { delay: 10 });
  await page.waitForTimeout(300);
  const counted = await page.evaluate(() => {
    const w = window as unknown as { __countCards: boolean; __cardRenders: number; __commits: number };
    w.__countCards = false;
    return { cards: w.__cardRenders, commits: w.__commits };
  });
  // Let the autosave of what was typed finish before leaving the page.
  await page.waitForTimeout(2000);
  return {
    editable,
    monaco,
    allVisible,
    heapMb: heap / 1024 / 1024,
    instances,
    p50: pct(50),
    p95: pct(95),
    cardsPerKey: counted.cards / COUNTED,
    commitsPerKey: counted.commits / COUNTED,
  };
}

const small = await measure('small');
const big = await measure('big');
await browser.close();

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`\nChromium, warm cache, ${KEYSTROKES} keystrokes, load average ${load}\n`);
console.log(
  'prompt       first body  first Monaco  Monaco on screen  JS heap   Monaco instances  keystroke p50/p95  cards/commits rendered per keystroke',
);
for (const [name, r] of [
  ['3 blocks', small],
  ['200 blocks', big],
] as const)
  console.log(
    `${name.padEnd(12)} ${r.editable.toFixed(0).padStart(7)} ms ${r.monaco.toFixed(0).padStart(10)} ms ${r.allVisible.toFixed(0).padStart(13)} ms ${r.heapMb.toFixed(1).padStart(6)} MB ${String(r.instances).padStart(12)}      ${`${r.p50.toFixed(0)}/${r.p95.toFixed(0)} ms`.padEnd(17)}  ${r.cardsPerKey.toFixed(1)} / ${r.commitsPerKey.toFixed(1)}`,
  );
const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
console.log(
  `\nbudget: first Monaco ≤ ${BUDGET.small} ms (3 blocks) ${verdict(small.monaco <= BUDGET.small)}, ≤ ${BUDGET.big} ms (200 blocks) ${verdict(big.monaco <= BUDGET.big)}; heap ≤ ${BUDGET.heapMb} MB at 200 blocks ${verdict(big.heapMb <= BUDGET.heapMb)}`,
);
process.exit(0);
