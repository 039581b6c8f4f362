// `npm run bench:pages`: server time of every signed-in page, one connection with a signed-in
// cookie (autocannon), beside /login (the framework's floor) in the same run. Seeds a workspace
// with 2,000 prompts, a 3-block prompt and a 200-block / ~240 KB prompt with history, a release
// and an open review; prints p50/p99/req/s per page, the budget line, the HTML and RSC bytes of
// the big prompt's editor page and the server's RSS. Asserts nothing.
//   npm run bench:pages -- [seconds per page]
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { authorize } from '../lib/authz';
import { closeDatabase, db, openDatabase } from '../lib/data/db';
import { createPrompt } from '../lib/data/prompts';
import { publish } from '../lib/data/publish';
import { requestReview } from '../lib/data/reviews';
import { saveDraft } from '../lib/data/revisions';
import { createAccount } from '../lib/data/users';
import { setSingleton } from '../lib/singleton';
import { benchContent } from './lib/bench-content';
import { freePort, startServer, waitFor } from './lib/server-harness';

const SECONDS = Number(process.argv[2] ?? 5);
const PROMPTS = 2_000;
const BUDGET = { p50: 30, p99: 100 };
const EMAIL = 'bench-pages@example.test';
const PASSWORD = 'correct horse battery staple';

// 1. Seed, in this process, then hand the directory to the server.
const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-bench-pages-'));
setSingleton('Db', openDatabase({ dir: dataDir }));
const { userId, workspaceSlug } = await createAccount({ name: 'Bench', email: EMAIL, password: PASSWORD });
const ctx = await authorize(userId, workspaceSlug, 'release.publish');
const seeding = performance.now();
for (let i = 0; i < PROMPTS; i++)
  await createPrompt(ctx, { name: `Prompt ${i}`, slug: `prompt-${i}`, description: 'Seeded', tags: ['bench'] }, benchContent(3, 200, i));
await createPrompt(ctx, { name: 'Small', slug: 'small', description: '', tags: [] }, benchContent(3, 400, 0));
const big = await createPrompt(ctx, { name: 'Big', slug: 'big', description: '200 blocks', tags: [] }, benchContent(200, 1200, 0));
const prisma = await db();
const head = async () =>
  (await prisma.prompt.findUniqueOrThrow({ where: { id: big.id }, select: { headRevisionId: true } })).headRevisionId!;
await publish(ctx, { promptId: big.id, revisionId: await head(), note: 'bench' });
for (let i = 1; i <= 3; i++) await saveDraft(ctx, { promptId: big.id, baseRevisionId: await head(), content: benchContent(200, 1200, i) });
const review = await requestReview(ctx, { promptId: big.id, reviewerIds: [], title: 'Bench review', description: '' });
const bigRevisions = await prisma.revision.count({ where: { promptId: big.id } });
const bigBytes = Buffer.byteLength(JSON.stringify(benchContent(200, 1200, 0)));
await closeDatabase();
console.log(
  `seeded ${PROMPTS + 2} prompts in ${((performance.now() - seeding) / 1000).toFixed(0)} s; big prompt ${(bigBytes / 1024).toFixed(0)} KB, ${bigRevisions} revisions`,
);

// 2. The server, and a signed-in cookie through next-auth's credentials flow.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = startServer(port, { GALLEY_DATA_DIR: dataDir, NEXTAUTH_URL: base, NEXTAUTH_SECRET: 'bench-secret-not-for-production' });
process.on('exit', () => server.kill('SIGTERM'));
await waitFor(`${base}/api/health`);
const rss = () => Math.round(Number(readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024);
const idleRss = rss();

const cookieJar = new Map<string, string>();
const keep = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    cookieJar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
};
const cookie = () => [...cookieJar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrf = await fetch(`${base}/api/auth/csrf`);
keep(csrf);
const { csrfToken } = (await csrf.json()) as { csrfToken: string };
const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
  body: new URLSearchParams({ csrfToken, email: EMAIL, password: PASSWORD, json: 'true' }),
});
keep(signIn);
if (![...cookieJar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed (${signIn.status})`);

// 3. The pages.
const w = `/w/${workspaceSlug}`;
const p = `${w}/prompts/big`;
const pages: [string, string][] = [
  ['/login (signed out, the floor)', '/login'],
  [`dashboard, ${PROMPTS + 2} prompts`, w],
  ['workspace reviews', `${w}/reviews`],
  ['small editor (3 blocks)', `${w}/prompts/small`],
  ['big editor (200 blocks)', p],
  ['big history', `${p}/history`],
  ['big compare', `${p}/compare`],
  ['big revision r1', `${p}/revisions/1`],
  ['big releases', `${p}/releases`],
  ['big reviews', `${p}/reviews`],
  ['big review', `${p}/reviews/${review.id}`],
  ['big settings', `${p}/settings`],
];
for (const [, url] of pages) {
  const res = await fetch(base + url, { headers: url === '/login' ? {} : { cookie: cookie() }, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}

function run(url: string, signedIn: boolean): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ url: base + url, connections: 1, duration: SECONDS, headers: signedIn ? { cookie: cookie() } : {} }, (err, result) =>
      err ? reject(err) : resolve(result),
    ),
  );
}

console.log(
  `\n1 connection, ${SECONDS} s per page, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`,
);
console.log(
  `${'page'.padEnd(32)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'req/s'.padStart(7)}   budget (p50 ≤ ${BUDGET.p50}, p99 ≤ ${BUDGET.p99} ms)`,
);
let met = 0;
for (const [name, url] of pages) {
  const r = await run(url, url !== '/login');
  // A page slower than the whole run gives no sample at all: that is not a pass.
  const ok = r.requests.total > 0 && r.latency.p50 <= BUDGET.p50 && r.latency.p99 <= BUDGET.p99;
  if (url !== '/login' && ok) met++;
  const bad =
    (r.non2xx || r.errors ? `   non-2xx ${r.non2xx} errors ${r.errors}` : '') + (r.requests.total ? '' : '   (no response within the run)');
  console.log(
    `${name.padEnd(32)} ${String(r.latency.p50).padStart(4)} ms ${String(r.latency.p99).padStart(4)} ms ${r.requests.average.toFixed(1).padStart(7)}   ${url === '/login' ? '' : ok ? 'met' : 'not met'}${bad}`,
  );
}
console.log(`\nbudget met on ${met} of ${pages.length - 1} signed-in pages`);

// 4. Bytes of the big editor page: the HTML document and the RSC payload of a client navigation.
const html = await (await fetch(base + p, { headers: { cookie: cookie() } })).arrayBuffer();
const rsc = await (await fetch(base + p, { headers: { cookie: cookie(), rsc: '1' } })).arrayBuffer();
console.log(
  `big editor page: HTML ${(html.byteLength / 1024).toFixed(0)} KB, RSC navigation payload ${(rsc.byteLength / 1024).toFixed(0)} KB`,
);
console.log(`server RSS: idle after start ${idleRss} MB, after the pages ${rss()} MB`);
process.exit(0);
