// Process-level harness shared by the load scripts (scripts/bench-api.ts, scripts/soak-api.ts)
// and the e2e specs that run their own servers: a free port, a throwaway database on a
// PostgreSQL server, the Galley server in a child process, and waiting for it to come up.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';

function listenable(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(null))
      .listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as { port: number };
        server.close(() => resolve(bound));
      });
  });
}

// GALLEY_BENCH_PORTS=3311-3319 confines the scripts to a range (a shared machine where other
// people's servers own the rest); each call hands out the next free port of it, in order.
let nextInRange = 0;

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const range = process.env.GALLEY_BENCH_PORTS?.match(/^(\d+)-(\d+)$/);
  if (!range) {
    const port = await listenable(0);
    if (port === null) throw new Error('no free port');
    return port;
  }
  const [low, high] = [Number(range[1]), Number(range[2])];
  for (; low + nextInRange <= high; nextInRange++) {
    const port = await listenable(low + nextInRange);
    if (port !== null) {
      nextInRange++;
      return port;
    }
  }
  throw new Error(`no free port left in GALLEY_BENCH_PORTS=${process.env.GALLEY_BENCH_PORTS}`);
}

/** Runs one statement (CREATE / DROP DATABASE …) on the PostgreSQL server at `serverUrl`. */
export async function adminQuery(serverUrl: string | undefined, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Polls `url` every 500 ms until it answers 2xx; throws after `timeoutMs`. */
export async function waitFor(url: string, timeoutMs = 180_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Starts the compiled server (scripts/start.mjs, as `npm start` does) in production mode on 127.0.0.1:`port`, without seeding and without the
 * read API's rate limit, with `env` on top of this process's environment; its stdout (the
 * JSON log) is dropped unless `stdout: 'pipe'` asks for it, and its stderr goes to ours.
 * Returns at once: register the child's cleanup, then `waitFor(…/api/health)`.
 */
export function startServer(port: number, env: Record<string, string>, opts: { stdout?: 'ignore' | 'pipe' } = {}): ChildProcess {
  // GALLEY_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers a bench starts.
  const nodeArgs = process.env.GALLEY_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, 'scripts/start.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      GALLEY_SEED: 'false',
      GALLEY_API_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', opts.stdout ?? 'ignore', 'inherit'],
  });
}
