// `npm run bench:api`: the read API's warm path against a bare Node http server serving the
// same bytes, side by side in one run (autocannon, 50 connections, 20 s each), plus the 304
// path, the render endpoint, compressed responses and the 429 path; then the TypeScript SDK's and the Python client's cold and
// warm get(). Prints figures (with the serving process's CPU time per request, steadier than
// requests per second on a shared machine); asserts nothing.
//   npm run bench:api -- [seconds]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { GalleyClient } from '../packages/client/src/index';
import { authorize } from '../lib/authz';
import { createApiKey } from '../lib/data/api-keys';
import { closeDatabase, db, openDatabase } from '../lib/data/db';
import { createPrompt } from '../lib/data/prompts';
import { publish } from '../lib/data/publish';
import { seedIfEmpty, DEMO_EMAIL } from '../lib/seed';
import { benchContent } from './lib/bench-content';
import { freePort, startServer, waitFor } from './lib/server-harness';
import { setSingleton } from '../lib/singleton';

const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = 50;

// The serving process's CPU time per request (Linux: /proc/<pid>/stat), which other load on a
// shared machine disturbs far less than requests per second.
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
  } catch {
    return null;
  }
}

function run(name: string, opts: autocannon.Options, pid?: number): Promise<autocannon.Result> {
  const cpuBefore = cpuSeconds(pid);
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts }, (err, result) => (err ? reject(err) : resolve(result)));
  }).then((r) => {
    const res = r as autocannon.Result;
    const non2xx = res.non2xx;
    const cpuAfter = cpuSeconds(pid);
    const cpu =
      cpuBefore !== null && cpuAfter !== null && res.requests.total > 0
        ? `   server CPU ${(((cpuAfter - cpuBefore) / res.requests.total) * 1e6).toFixed(0).padStart(3)} µs/req`
        : '';
    console.log(
      `${name.padEnd(34)} ${res.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(res.latency.p50).padStart(3)} ms   p99 ${String(res.latency.p99).padStart(3)} ms   errors ${res.errors}   non-2xx ${non2xx}${cpu}`,
    );
    return res;
  });
}

// 1. Prepare a database with the demo data and a production key, then hand it to the server.
const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-bench-api-'));
// lib/data reads the shared handle; point it at this directory (the server gets the same one).
setSingleton('Db', openDatabase({ dir: dataDir }));
await seedIfEmpty();
const prisma = await db();
const demo = await prisma.user.findUniqueOrThrow({
  where: { email: DEMO_EMAIL },
  select: { id: true, memberships: { select: { workspace: { select: { slug: true } } } } },
});
const ctx = await authorize(demo.id, demo.memberships[0]!.workspace.slug, 'apikey.manage');
const { key } = await createApiKey(ctx, { name: 'bench', environment: 'production' });
// A 200-block, ~240 KB prompt, published: the bytes on the wire with and without compression.
const big = await createPrompt(ctx, { name: 'Big', slug: 'big', description: '', tags: [] }, benchContent(200, 1200, 0));
const bigHead = (await prisma.prompt.findUniqueOrThrow({ where: { id: big.id }, select: { headRevisionId: true } })).headRevisionId!;
await publish(ctx, { promptId: big.id, revisionId: bigHead, note: 'bench' });
await closeDatabase();

const galleyPort = await freePort();
const barePort = await freePort();
const children: ChildProcess[] = [];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stop);

const galleyServer = startServer(galleyPort, { GALLEY_DATA_DIR: dataDir });
children.push(galleyServer);
const galleyPid = galleyServer.pid;
await waitFor(`http://127.0.0.1:${galleyPort}/api/health`);

const url = `http://127.0.0.1:${galleyPort}/api/v1/prompts/support-agent`;
const headers = { authorization: `Bearer ${key}` };
const first = await fetch(url, { headers: { ...headers, 'accept-encoding': 'identity' } });
const bytes = Buffer.from(await first.arrayBuffer());
const etag = first.headers.get('etag')!;
console.log(`payload: ${bytes.length} bytes, status ${first.status}, etag ${etag}`);

// 2. A bare Node http server returning the same bytes, in its own process.
const bareSource = `const b = Buffer.from(${JSON.stringify(bytes.toString('base64'))}, 'base64');
require('http').createServer((q, s) => { s.writeHead(200, { 'content-type': 'application/json; charset=utf-8', etag: ${JSON.stringify(etag)} }); s.end(b); }).listen(${barePort}, '127.0.0.1');`;
const bareServer = spawn(process.execPath, ['-e', bareSource], { stdio: 'inherit' });
children.push(bareServer);
await new Promise((r) => setTimeout(r, 500));

// Warm GETs are the budget's figure: give both servers' JIT 3 s of the same traffic first (not
// printed), or the first measured run of a freshly started Galley pays for its compilation.
const warmUp = (target: string, extra: Record<string, string> = {}) =>
  new Promise((resolve) => autocannon({ url: target, headers: extra, connections: CONNECTIONS, duration: 3 }, resolve));
await warmUp(`http://127.0.0.1:${barePort}/`);
await warmUp(url, headers);
console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each (after 3 s of warm-up on each server)\n`);
const bare = await run('bare Node http (same bytes)', { url: `http://127.0.0.1:${barePort}/` }, bareServer.pid);
const galley = await run('Galley GET /api/v1/prompts/{slug}', { url, headers }, galleyPid);
const langfuse = await run(
  'Langfuse-compatible GET (Basic)',
  {
    url: `http://127.0.0.1:${galleyPort}/api/public/v2/prompts/support-agent`,
    headers: { authorization: `Basic ${Buffer.from(`pk-bench:${key}`).toString('base64')}` },
  },
  galleyPid,
);
const brotli = await run('Galley GET, Accept-Encoding: br', { url, headers: { ...headers, 'accept-encoding': 'br' } }, galleyPid);
await run('Galley GET, If-None-Match → 304', { url, headers: { ...headers, 'if-none-match': etag } }, galleyPid);
await run('Galley GET ?version=1 (immutable)', { url: `${url}?version=1`, headers }, galleyPid);
await run(
  'Galley POST …/render',
  {
    url: `${url}/render`,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ variables: { customer_name: 'Ada', question: 'Where is my invoice?' } }),
  },
  galleyPid,
);
console.log(
  `\nratio Galley / bare: ${(galley.requests.average / bare.requests.average).toFixed(2)}   (Galley p99 ${galley.latency.p99} ms)`,
);
console.log(
  `ratio Langfuse-compatible / bare: ${(langfuse.requests.average / bare.requests.average).toFixed(2)}   (p99 ${langfuse.latency.p99} ms)`,
);
// Raw bytes as sent (fetch would decompress them).
const wire = (encoding: string) =>
  new Promise<number>((resolve, reject) => {
    get(url, { headers: { ...headers, 'accept-encoding': encoding } }, (res) => {
      let size = 0;
      res.on('data', (chunk: Buffer) => (size += chunk.length));
      res.on('end', () => resolve(size));
    }).on('error', reject);
  });
console.log(
  `bytes on the wire: identity ${await wire('identity')}, gzip ${await wire('gzip')}, br ${await wire('br')}` +
    `   (br ${brotli.requests.average.toFixed(0)} req/s)`,
);

const bigUrl = `http://127.0.0.1:${galleyPort}/api/v1/prompts/big`;
const bigIdentity = await run(
  '200-block prompt, identity',
  { url: bigUrl, headers: { ...headers, 'accept-encoding': 'identity' } },
  galleyPid,
);
const bigBrotli = await run('200-block prompt, br', { url: bigUrl, headers: { ...headers, 'accept-encoding': 'br' } }, galleyPid);
const bigWire = async (encoding: string) =>
  new Promise<number>((resolve, reject) => {
    get(bigUrl, { headers: { ...headers, 'accept-encoding': encoding } }, (res) => {
      let size = 0;
      res.on('data', (chunk: Buffer) => (size += chunk.length));
      res.on('end', () => resolve(size));
    }).on('error', reject);
  });
console.log(
  `200-block prompt on the wire: identity ${await bigWire('identity')} bytes at ${bigIdentity.requests.average.toFixed(0)} req/s, br ${await bigWire('br')} bytes at ${bigBrotli.requests.average.toFixed(0)} req/s`,
);

// 3. The SDKs against the same server: a cold get() (one request, nothing cached) and warm
// get() per second (answered from the client's own cache, no request).
const baseUrl = `http://127.0.0.1:${galleyPort}`;
const sdk = new GalleyClient({ baseUrl, apiKey: key });
let started = performance.now();
await sdk.get('support-agent');
const tsCold = performance.now() - started;
let gets = 0;
started = performance.now();
while (performance.now() - started < 2000) {
  await sdk.get('support-agent');
  gets++;
}
console.log(`\nTypeScript SDK get(): cold ${tsCold.toFixed(1)} ms, warm ${Math.round(gets / 2).toLocaleString('en')} per second`);

const pythonBench = `import json, sys, time
sys.path.insert(0, 'packages/python')
from galley_client import GalleyClient
c = GalleyClient(sys.argv[1], sys.argv[2])
t = time.perf_counter(); c.get('support-agent'); cold = (time.perf_counter() - t) * 1000
n = 0; t = time.perf_counter()
while time.perf_counter() - t < 2: c.get('support-agent'); n += 1
print(json.dumps({'cold_ms': cold, 'per_second': n / 2}))`;
const py = spawnSync('python3', ['-c', pythonBench, baseUrl, key], { encoding: 'utf8' });
if (py.status === 0) {
  const figures = JSON.parse(py.stdout) as { cold_ms: number; per_second: number };
  console.log(
    `Python client get():  cold ${figures.cold_ms.toFixed(1)} ms, warm ${Math.round(figures.per_second).toLocaleString('en')} per second`,
  );
} else {
  console.log(`Python client: not measured (${(py.stderr || py.error?.message || 'python3 failed').trim().split('\n').at(-1)})`);
}
// 4. The 429 path: the same server with a limit of 1 request per second per key, so nearly
// every request is refused; refusing should cost no more than serving.
const galleyChild = galleyServer;
await new Promise((resolve) => {
  galleyChild.once('exit', resolve);
  galleyChild.kill('SIGTERM');
});
const limitedPort = await freePort();
const limitedServer = startServer(limitedPort, { GALLEY_DATA_DIR: dataDir, GALLEY_API_RATE_LIMIT: '1' });
children.push(limitedServer);
await waitFor(`http://127.0.0.1:${limitedPort}/api/health`);
const limitedUrl = `http://127.0.0.1:${limitedPort}/api/v1/prompts/support-agent`;
await fetch(limitedUrl, { headers }); // warms the cache
// A fresh process: warm its refusing path first (not printed), as the runs before the 200
// path's measurement warmed that server.
await warmUp(limitedUrl, headers);
console.log('');
const refused = await run('Galley GET over the rate limit (429)', { url: limitedUrl, headers }, limitedServer.pid);
console.log(
  `ratio 429 path / 200 path: ${(refused.requests.average / galley.requests.average).toFixed(2)}   (p99 ${refused.latency.p99} ms)`,
);
stop();
process.exit(0);
