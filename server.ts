// Galley's process: Next.js behind a plain Node HTTP server. `npm start` runs it on a
// production build (building first when there is none or it is older than the sources);
// `npm run dev` runs it with Next's dev server.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse } from './lib/api/http';
import { applyAuthDefaults, env } from './lib/env';
import { lifecycle } from './lib/lifecycle';
import { flushRefusals } from './lib/api/refusals';
import { flushLog, logger } from './lib/log';
import { countApiCache } from './lib/metrics';
import { refuseMalformed, stampClientAddress } from './lib/server/front-door';
import { isMetricsPath, serveMetrics } from './lib/server/metrics-endpoint';
import { beginRequest, echoRequestId, endRequest, observeUntilClosed, type ServedRequest } from './lib/server/observe';
import { handleShutdownSignals } from './lib/server/shutdown';
import { writeWarm } from './lib/server/warm-response';
import { securityHeaders } from './lib/security-headers';
import { peekSingleton } from './lib/singleton';

const dev = process.argv.includes('--dev');
const hostname = env.HOSTNAME ?? 'localhost';
const port = env.PORT;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'generated') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuild(): void {
  const buildId = path.join('.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'prisma'].filter(existsSync);
  const stale = !existsSync(buildId) || Math.max(...sources.map(newestSource)) > statSync(buildId).mtimeMs;
  if (!stale) return;
  logger().info('building the app (first start, or the sources changed)');
  const result = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!dev && env.NODE_ENV !== 'test') ensureBuild();
applyAuthDefaults(`http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// The read API's hot path skips Next entirely: the handler that Next's bundle registered at
// start-up (lib/startup.ts) answers from its in-process cache.
type ApiHandler = (req: ApiRequest) => Promise<ApiResponse>;
type CachedApiHandler = (req: ApiRequest) => ApiResponse | null;
const MAX_API_BODY = 256 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      // Past the limit only the length matters: keep limit + 1 bytes so the handler answers 413.
      if (size <= MAX_API_BODY) chunks.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => resolve(Buffer.concat(chunks).subarray(0, MAX_API_BODY + 1)));
    req.on('error', reject);
  });
}

// /api/v1 is the read API; /api/public is its Langfuse-compatible endpoint (lib/api/langfuse.ts).
const isApiPath = (url: string | undefined) => !!url && /^\/api\/(?:v1|public)(?:[/?]|$)/.test(url);

async function serveApi(api: ApiHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
    const out = await api({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers as Record<string, string | undefined>,
      body,
    });
    res.writeHead(out.status, out.headers);
    res.end(out.body ?? undefined);
  } catch {
    answerUnreadable(res);
  }
}

function answerUnreadable(res: ServerResponse): void {
  if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'bad_request', message: 'The request could not be read' } }));
}

const SECURITY_HEADERS = Object.entries(securityHeaders({ https: (env.NEXTAUTH_URL ?? '').startsWith('https:') }));
/** Requests answered asynchronously and not yet done; the shutdown waits for them. */
const inFlight = { count: 0 };
let stopping = false;

function prepare(res: ServerResponse, served: ServedRequest): void {
  echoRequestId(res, served);
  // While shutting down, every response ends its connection: clients reconnect elsewhere.
  if (stopping) res.setHeader('connection', 'close');
}

const server = createServer((req, res) => {
  const served = beginRequest(req);
  const api = peekSingleton<ApiHandler>('Api');
  if (api && isApiPath(req.url)) {
    // Warm GETs are answered synchronously from the cache, with prebuilt headers (the request
    // id included); everything else goes the full way.
    const cached =
      req.method === 'GET'
        ? peekSingleton<CachedApiHandler>('ApiCached')?.({
            method: 'GET',
            url: req.url!,
            headers: req.headers as Record<string, string | undefined>,
          })
        : null;
    if (cached) {
      writeWarm(res, cached, served.requestId, stopping);
      countApiCache(true);
      endRequest(served, cached.status, true);
      return;
    }
    prepare(res, served);
    // JSON cannot be framed or run; of the security headers the API needs only nosniff.
    res.setHeader('x-content-type-options', 'nosniff');
    if (req.method === 'GET') countApiCache(false);
    observeUntilClosed(served, res, inFlight, () => serveApi(api, req, res));
    return;
  }
  prepare(res, served);
  if (isMetricsPath(req.url)) {
    observeUntilClosed(served, res, inFlight, () => serveMetrics(req, res, env.GALLEY_METRICS_TOKEN).catch(() => answerUnreadable(res)));
    return;
  }
  for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
  stampClientAddress(req, env.GALLEY_TRUST_PROXY === 'true');
  observeUntilClosed(served, res, inFlight, () =>
    refuseMalformed(req, res).then(
      (refused) => (refused ? undefined : handle(req, res)),
      () => answerUnreadable(res),
    ),
  );
});

// Idle keep-alive connections outlive a client's or proxy's usual idle timeout (60 s), so a
// request sent on a reused connection does not meet a socket the server closed a moment before
// (ECONNRESET). Shutdown still closes idle connections at once (lib/server/shutdown.ts).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, hostname, () => {
  logger().info(`listening on http://${hostname}:${port}${dev ? ' (dev)' : ''}`);
});

handleShutdownSignals({
  server,
  inFlight: () => inFlight.count,
  drainMs: 8_000,
  onStopping: () => {
    stopping = true;
    lifecycle().stopping = true;
  },
  // Handed over by start-up (lib/startup.ts) like the API handler: the database handle lives
  // in Next's copy of the modules.
  stopServices: async () => peekSingleton<() => Promise<void>>('StopServices')?.(),
  log: logger(),
  // The warm path's last second of 429s is still only counted: write its summary first.
  flush: () => {
    flushRefusals();
    return flushLog();
  },
});
