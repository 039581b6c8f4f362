// The read API under load while releases keep changing: autocannon with 50 connections
// against GET /api/v1/prompts/support-agent for 30 s, while a new release of that prompt is
// published every second. Every response's contentHash is recorded; the run fails unless
// there were no errors and no non-2xx answers, and every hash served belongs to a real
// release. Prints the figures.
//   npx tsx --conditions=react-server scripts/soak-api.ts [seconds]
//
// Where publishing happens depends on the database. With PostgreSQL (TEST_DATABASE_URL or
// DATABASE_URL names a server; a fresh database is created on it and dropped afterwards)
// this process publishes through lib/data and its invalidations reach the server over
// LISTEN/NOTIFY. Without one, the server holds the embedded database alone, so releases go
// through the server actions over HTTP, signed in as the demo user.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { callAction, newApiClient, signInApi } from '../e2e/action-client';
import { startCacheSync } from '../lib/api/cache-sync';
import { DEFAULT_DEMO_PASSWORD } from '../lib/domain/demo-seed';
import { authorize, type WorkspaceContext } from '../lib/authz';
import { createApiKey } from '../lib/data/api-keys';
import { closeDatabase, db, openDatabase } from '../lib/data/db';
import { getDraftHead } from '../lib/data/prompts';
import { publish } from '../lib/data/publish';
import { saveDraft } from '../lib/data/revisions';
import type { Content } from '../lib/domain/content';
import { contentHash } from '../lib/domain/hash';
import { env } from '../lib/env';
import { DEMO_EMAIL, seedIfEmpty } from '../lib/seed';
import { adminQuery as adminQueryOn, freePort, startServer, waitFor } from './lib/server-harness';
import { setSingleton } from '../lib/singleton';

const SECONDS = Number(process.argv[2] ?? 30);
const CONNECTIONS = 50;
const SLUG = 'support-agent';
// A script, not the app: like playwright.config.ts it reads the test database's URL itself.
const PG_SERVER = process.env.TEST_DATABASE_URL || env.DATABASE_URL;

const adminQuery = (sql: string) => adminQueryOn(PG_SERVER, sql);

/** The next release's content: the draft head with its first block changed. */
function nextContent(head: Content, n: number): Content {
  const content = structuredClone(head);
  content.blocks[0]!.body = `${content.blocks[0]!.body.replace(/\n\n\[soak [^\]]*\]$/, '')}\n\n[soak release ${n} ${randomBytes(3).toString('hex')}]`;
  return content;
}

type Publisher = (n: number) => Promise<{ version: number; hash: string }>;

// ---- 1. A database with the demo data and a production key --------------------------------

const mode: 'postgres' | 'pglite' = PG_SERVER ? 'postgres' : 'pglite';
const databaseName = `galley_soak_${randomBytes(5).toString('hex')}`;
let databaseUrl = '';
const dataDir = mode === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'galley-soak-api-')) : '';
if (mode === 'postgres') {
  await adminQuery(`CREATE DATABASE ${databaseName}`);
  const url = new URL(PG_SERVER!);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
}
const openHere = () => openDatabase(mode === 'postgres' ? { url: databaseUrl } : { dir: dataDir });
// lib/data reads the shared handle; point it at this database (the server gets the same one).
setSingleton('Db', openHere());
await seedIfEmpty();
const prisma = await db();
const demo = await prisma.user.findUniqueOrThrow({
  where: { email: DEMO_EMAIL },
  select: { id: true, memberships: { select: { workspace: { select: { slug: true, id: true } } } } },
});
const workspace = demo.memberships[0]!.workspace;
const ctx: WorkspaceContext = await authorize(demo.id, workspace.slug, 'apikey.manage');
const { key } = await createApiKey(ctx, { name: 'soak', environment: 'production' });
const { id: promptId } = await prisma.prompt.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: SLUG }, select: { id: true } });
if (mode === 'pglite') await closeDatabase();
else await startCacheSync(); // this process's publishes go out over NOTIFY

// ---- 2. The server -------------------------------------------------------------------------

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server: ChildProcess | undefined = startServer(port, {
  NEXTAUTH_URL: base,
  ...(mode === 'postgres' ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', GALLEY_DATA_DIR: dataDir }),
});
const stopServer = () => {
  server?.kill('SIGTERM');
  server = undefined;
};
process.on('exit', stopServer);
await waitFor(`${base}/api/health`);

// ---- 3. The publisher ----------------------------------------------------------------------

let publishRelease: Publisher;
if (mode === 'postgres') {
  const publisher = await authorize(demo.id, workspace.slug, 'release.publish');
  publishRelease = async (n) => {
    const head = await getDraftHead(publisher, promptId);
    const content = nextContent(head.content as Content, n);
    const { revision } = await saveDraft(publisher, { promptId, baseRevisionId: head.id, content });
    const release = await publish(publisher, { promptId, revisionId: revision.id, note: `Soak release ${n}` });
    return { version: release.version, hash: contentHash(content) };
  };
} else {
  const client = await newApiClient(base);
  await signInApi(client, DEMO_EMAIL, env.GALLEY_DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
  const editor = `/w/${workspace.slug}/prompts/${SLUG}`;
  const unwrap = <T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
    return r.data;
  };
  publishRelease = async (n) => {
    const input = { workspace: workspace.slug, promptId };
    const head = unwrap(
      await callAction<{ id: string; content: Content }>(client, editor, 'lib/actions/drafts.ts#loadDraftHead', [input]),
      'loadDraftHead',
    );
    const content = nextContent(head.content, n);
    const saved = unwrap(
      await callAction<{ revision: { id: string } }>(client, editor, 'lib/actions/drafts.ts#saveDraft', [
        { ...input, baseRevisionId: head.id, content },
      ]),
      'saveDraft',
    );
    const { version } = unwrap(
      await callAction<{ version: number }>(client, `${editor}/releases`, 'lib/actions/releases.ts#publish', [
        { ...input, revisionId: saved.revision.id, note: `Soak release ${n}` },
      ]),
      'publish',
    );
    return { version, hash: contentHash(content) };
  };
}

// ---- 4. Load and publishing at once --------------------------------------------------------

const url = `${base}/api/v1/prompts/${SLUG}`;
const headers = { authorization: `Bearer ${key}` };
const first = (await (await fetch(url, { headers })).json()) as { version: number; contentHash: string };
console.log(
  `soak: ${mode === 'postgres' ? `PostgreSQL (${databaseName}), publishing through lib/data + NOTIFY` : 'embedded PGlite, publishing through server actions'}`,
);
console.log(
  `soak: ${CONNECTIONS} connections for ${SECONDS} s against GET ${url.replace(base, '')}, one release a second; starts at v${first.version}\n`,
);

const seen = new Map<string, { count: number; firstAt: number }>();
const statuses = new Map<number, number>();
let etagMismatches = 0;
let unreadable = 0;
/** Every response with a hash: when its request started and when it ended (performance.now()). */
const timeline: { hash: string; start: number; end: number }[] = [];
let lastHash: string | null = null;

// autocannon calls onResponse and then emits the client's 'response' event (with the
// response time) for the same response, synchronously one after the other, so the hash seen
// in the first is the one the second times.
function record(status: number, body: string, _context: object, responseHeaders: IncomingHttpHeaders = {}): void {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const hash = /"contentHash":"([0-9a-f]+)"/.exec(body)?.[1];
  lastHash = hash ?? null;
  if (!hash) {
    unreadable++;
    return;
  }
  const etag = Object.entries(responseHeaders).find(([k]) => k.toLowerCase() === 'etag')?.[1];
  if (etag !== `"${hash}"`) etagMismatches++;
  const entry = seen.get(hash);
  if (entry) entry.count++;
  else seen.set(hash, { count: 1, firstAt: performance.now() });
}

function timeResponses(client: autocannon.Client): void {
  client.on('response', (_status: number, _bytes: number, responseTime: number) => {
    if (lastHash === null) return;
    const end = performance.now();
    timeline.push({ hash: lastHash, start: end - responseTime, end });
    lastHash = null;
  });
}

const published: { version: number; hash: string; at: number; took: number }[] = [];
const publishErrors: string[] = [];
let loading = true;
const publishing = (async () => {
  const start = performance.now();
  for (let n = 1; loading; n++) {
    const wait = start + n * 1000 - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (!loading) break;
    const t0 = performance.now();
    try {
      const release = await publishRelease(n);
      published.push({ ...release, at: performance.now(), took: performance.now() - t0 });
    } catch (e) {
      publishErrors.push((e as Error).message);
    }
  }
})();

const result = await new Promise<autocannon.Result>((resolve, reject) => {
  autocannon(
    {
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'GET', path: `/api/v1/prompts/${SLUG}`, headers, onResponse: record }],
      setupClient: timeResponses,
    },
    (err, res) => (err ? reject(err) : resolve(res)),
  );
});
loading = false;
await publishing;

// Once publishing stops, the server must settle on the newest release (a cache entry filled
// with an older one would otherwise stay until the next change).
const newest = published.at(-1)?.version ?? first.version;
const settleStart = performance.now();
let settledOn = 0;
while (performance.now() - settleStart < 5_000) {
  settledOn = ((await (await fetch(url, { headers })).json()) as { version: number }).version;
  if (settledOn === newest) break;
  await new Promise((r) => setTimeout(r, 50));
}
const settleMs = performance.now() - settleStart;

// ---- 5. The real releases, from the database -----------------------------------------------

stopServer();
if (mode === 'pglite') {
  await new Promise((r) => setTimeout(r, 1500)); // the server lets go of the data directory
  setSingleton('Db', openHere());
}
const releases = await (
  await db()
).release.findMany({ where: { promptId }, select: { version: true, contentHash: true }, orderBy: { version: 'asc' } });
// On PostgreSQL the LISTEN connection stays checked out, so closing the pool would wait forever.
await Promise.race([closeDatabase(), new Promise((r) => setTimeout(r, 3000))]);
if (mode === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
else rmSync(dataDir, { recursive: true, force: true });

const realHashes = new Set(releases.map((r) => r.contentHash));
const versionOf = new Map(releases.map((r) => [r.contentHash, r.version]));

// Stale answers: a request that started more than STALE_SLACK_MS after some response had
// already carried a newer release, yet got an older one. Invalidation (NOTIFY included) takes
// milliseconds, so a correct cache never does this; a cache entry refilled with data read
// before a publish does it until the next publish.
const STALE_SLACK_MS = 300;
const byEnd = timeline.map((t) => ({ end: t.end, version: versionOf.get(t.hash) ?? 0 })).sort((x, y) => x.end - y.end);
const newestBy: number[] = [];
for (const [i, t] of byEnd.entries()) newestBy.push(Math.max(t.version, newestBy[i - 1] ?? 0));
function newestServedBefore(time: number): number {
  let lo = 0;
  let hi = byEnd.length; // first index with end >= time
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byEnd[mid]!.end < time) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : newestBy[lo - 1]!;
}
const stale = timeline.filter((t) => (versionOf.get(t.hash) ?? 0) < newestServedBefore(t.start - STALE_SLACK_MS));
const staleVersions = [...new Set(stale.map((t) => `v${versionOf.get(t.hash)}`))];
const foreign = [...seen.keys()].filter((h) => !realHashes.has(h));
const publishedMismatch = published.filter((p) => releases.find((r) => r.version === p.version)?.contentHash !== p.hash);
// How long each new release took to appear in a response, counted from its publish returning.
const lags = published.map((p) => (seen.get(p.hash)?.firstAt ?? Infinity) - p.at).filter(Number.isFinite);
const neverSeen = published.filter((p) => !seen.has(p.hash)).map((p) => `v${p.version}`);
const latest = published.at(-1);
const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : NaN;

console.log(
  `requests     ${result.requests.total} in ${result.duration} s (${result.requests.average.toFixed(0)} req/s), latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);
console.log(
  `statuses     ${[...statuses.entries()].map(([s, n]) => `${s}×${n}`).join(' ')}; errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
);
console.log(
  `releases     ${published.length} published during the run (v${published[0]?.version ?? '-'}…v${latest?.version ?? '-'}), publish took p50 ${pct(
    published.map((p) => p.took),
    50,
  ).toFixed(0)} ms, max ${Math.max(0, ...published.map((p) => p.took)).toFixed(0)} ms; ${publishErrors.length} failed`,
);
console.log(
  `hashes       ${seen.size} distinct served, ${realHashes.size} real releases, ${foreign.length} not a release; ETag ≠ contentHash ${etagMismatches}; bodies without a hash ${unreadable}`,
);
console.log(
  `stale        ${stale.length} responses served an older release although a newer one had been served over ${STALE_SLACK_MS} ms before the request started${staleVersions.length ? ` (${staleVersions.join(', ')})` : ''}`,
);
console.log(`settled      on v${settledOn} (newest v${newest}) ${settleMs.toFixed(0)} ms after publishing stopped`);
console.log(
  `propagation  a new release first served p50 ${pct(lags, 50).toFixed(0)} ms, max ${Math.max(...lags).toFixed(0)} ms after its publish call returned (negative: before); never served: ${neverSeen.length ? neverSeen.join(', ') : 'none'}`,
);

const failures: string[] = [];
if (result.errors > 0 || result.timeouts > 0) failures.push(`${result.errors} errors, ${result.timeouts} timeouts`);
if (result.non2xx > 0) failures.push(`${result.non2xx} non-2xx responses`);
if (unreadable > 0) failures.push(`${unreadable} responses without a contentHash`);
if (etagMismatches > 0) failures.push(`${etagMismatches} responses whose ETag is not their contentHash`);
if (foreign.length > 0) failures.push(`hashes that are no release: ${foreign.join(', ')}`);
if (publishErrors.length > 0) failures.push(`publishing failed: ${publishErrors.slice(0, 3).join(' | ')}`);
if (publishedMismatch.length > 0)
  failures.push(`releases whose stored hash is not the published content's: ${publishedMismatch.map((p) => `v${p.version}`).join(', ')}`);
if (published.length < Math.floor(SECONDS / 2)) failures.push(`only ${published.length} releases published in ${SECONDS} s`);
if (stale.length > 0)
  failures.push(`${stale.length} stale responses (older release served after a newer one): ${staleVersions.join(', ')}`);
if (settledOn !== newest) failures.push(`still serving v${settledOn} 5 s after v${newest} was published`);

if (failures.length) {
  console.error(`\nsoak FAILED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nsoak passed');
process.exit(0);
