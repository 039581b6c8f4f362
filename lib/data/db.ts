// The process-wide database handle. It is created lazily (so `next build` never opens the
// database) and kept on globalThis, because the custom server and Next's bundle load
// separate copies of this module and two clients on one PGlite directory corrupt it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { dataDir, env } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { peekSingleton, setSingleton, singleton } from '@/lib/singleton';
import { cannotMatchColumns } from './empty-load';
import { applyMigrations, type RawSql } from './migrate';
import { acquireDataDirLock } from './pglite-lock';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  prisma: PrismaClient;
  raw: RawSql;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY. */
  pool?: pg.Pool;
  /**
   * Runs `fn` on one connection inside one transaction: COMMIT when it resolves, ROLLBACK when
   * it throws. `snapshot` is REPEATABLE READ, READ ONLY (a consistent view while others write).
   * On PGlite it holds the only connection, so every other query waits until it is done.
   */
  transaction<T>(fn: (sql: RawSql) => Promise<T>, mode: 'snapshot' | 'write'): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel` (committed ones only); resolves to an unlisten. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// PGlite's default shared_buffers (128 MB) is most of an idle server's memory; one in-process
// connection does not need it. startParams replaces PGlite's own list, so keep that first.
const PGLITE_OPTIONS = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };

// A statement that cannot return a row (lib/data/empty-load.ts) is answered here, with no rows
// and the columns it names, instead of by the engine.
const TEXT_OID = 25;
function answeringRowlessLoads(query: PGlite['query']): PGlite['query'] {
  return ((...args: Parameters<PGlite['query']>) => {
    const columns = cannotMatchColumns(args[0], args[1]);
    if (columns) return Promise.resolve({ rows: [], fields: columns.map((name) => ({ name, dataTypeID: TEXT_OID })), affectedRows: 0 });
    return query(...args);
  }) as PGlite['query'];
}

// PGlite runs its queries on this thread, and its promises resolve as microtasks: a caller that
// awaits queries back to back (a publish loop) never lets the event loop reach its I/O phase, so
// sockets (a webhook's TCP connect, its answer) wait until the loop stops. Each query and
// transaction first yields one macrotask, so pending I/O runs between them.
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
function wrapQueries(pglite: PGlite): void {
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const transaction = pglite.transaction.bind(pglite);
  pglite.query = answeringRowlessLoads((async (...args: Parameters<typeof query>) => {
    await nextTick();
    return query(...args);
  }) as typeof pglite.query);
  pglite.exec = (async (...args: Parameters<typeof exec>) => {
    await nextTick();
    return exec(...args);
  }) as typeof pglite.exec;
  pglite.transaction = (async <T>(fn: Parameters<typeof transaction<T>>[0]) => {
    await nextTick();
    return transaction<T>((tx) => {
      tx.query = answeringRowlessLoads(tx.query.bind(tx));
      return fn(tx);
    });
  }) as typeof pglite.transaction;
}

function pgliteRaw(p: Pick<PGlite, 'exec' | 'query'>): RawSql {
  return {
    exec: async (sql) => void (await p.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await p.query<T>(sql, params)).rows,
  };
}

// A memory:// database starts from GALLEY_PGLITE_TEMPLATE when it is set: loading that dump
// takes ~0.3 s where initdb and the migrations take ~3 s (the integration tests open one per
// file, and more in the backup tests). The migrations still run: on a current dump they are a no-op.
function newMemoryPglite(): PGlite {
  const template = env.GALLEY_PGLITE_TEMPLATE;
  return new PGlite(template ? { ...PGLITE_OPTIONS, loadDataDir: new Blob([readFileSync(template)]) } : PGLITE_OPTIONS);
}

/** Writes a dump of a new, migrated memory:// database to `file`, for GALLEY_PGLITE_TEMPLATE. */
export async function writePgliteTemplate(file: string): Promise<void> {
  const pglite = new PGlite(PGLITE_OPTIONS);
  await pglite.waitReady;
  await applyMigrations(pgliteRaw(pglite));
  writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
}

async function openPglite(dir: string): Promise<Database> {
  let release = () => {};
  let pglite: PGlite;
  if (dir.startsWith('memory://')) {
    pglite = newMemoryPglite();
  } else {
    const pgdir = path.join(dir, 'pglite');
    mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(pgdir);
    pglite = new PGlite(pgdir, PGLITE_OPTIONS);
  }
  await pglite.waitReady;
  wrapQueries(pglite);
  const raw = pgliteRaw(pglite);
  await applyMigrations(raw);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    engine: 'pglite',
    prisma,
    raw,
    transaction: (fn, mode) =>
      pglite.transaction(async (tx) => {
        await tx.exec(`SET TRANSACTION ${TRANSACTION_MODES[mode]}`);
        return fn(pgliteRaw(tx));
      }),
    listen: async (channel, onNotify) => {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => {
        await unlisten().catch(() => {});
      };
    },
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

const TRANSACTION_MODES = { snapshot: 'ISOLATION LEVEL REPEATABLE READ, READ ONLY', write: 'ISOLATION LEVEL READ COMMITTED' };

async function poolTransaction<T>(pool: pg.Pool, fn: (sql: RawSql) => Promise<T>, mode: 'snapshot' | 'write'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(`BEGIN ${TRANSACTION_MODES[mode]}`);
    const result = await fn(clientRaw(client));
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

function clientRaw(client: pg.Pool | pg.PoolClient): RawSql {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
  };
}

/** One pooled connection kept for LISTEN; if it drops, listening resumes a second later. */
async function listenOnPool(pool: pg.Pool, channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  const connect = async () => {
    if (stopped) return;
    const c = await pool.connect();
    client = c;
    c.on('notification', (msg) => msg.channel === channel && onNotify(msg.payload ?? ''));
    c.on('error', () => {
      if (stopped) return;
      client = undefined;
      c.release(true);
      setTimeout(() => void connect().catch(() => {}), 1000).unref();
    });
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  };
  await connect();
  return async () => {
    stopped = true;
    const c = client;
    client = undefined;
    if (!c) return;
    await c.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    c.release(true);
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // Migrations need one session for BEGIN…COMMIT and the advisory lock.
  const session = await pool.connect();
  try {
    await applyMigrations(clientRaw(session));
  } finally {
    session.release();
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    engine: 'postgres',
    prisma,
    raw: clientRaw(pool),
    pool,
    transaction: (fn, mode) => poolTransaction(pool, fn, mode),
    listen: (channel, onNotify) => listenOnPool(pool, channel, onNotify),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export async function openDatabase(opts: { url?: string; dir?: string } = {}): Promise<Database> {
  const url = opts.url ?? env.DATABASE_URL;
  return url ? openPostgres(url) : openPglite(opts.dir ?? dataDir());
}

/** The shared handle, opened (and migrated) on first use. */
export function database(): Promise<Database> {
  return singleton('Db', () =>
    openDatabase().catch((e) => {
      setSingleton('Db', undefined);
      throw e;
    }),
  );
}

export async function db(): Promise<PrismaClient> {
  return (await database()).prisma;
}

/**
 * Closes the shared handle; it reopens on next use. `final` (the server shutting down) keeps it
 * closed: a request still running past the drain gets an error instead of reopening the database.
 */
export async function closeDatabase({ final = false }: { final?: boolean } = {}): Promise<void> {
  const open = peekSingleton<Promise<Database>>('Db');
  setSingleton('Db', final ? closedForGood() : undefined);
  if (open) await (await open).close();
}

function closedForGood(): Promise<Database> {
  const closed = Promise.reject(new Error('The database is closed: the server is shutting down'));
  closed.catch(() => {});
  return closed;
}
