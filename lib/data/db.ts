// The process-wide database handle. It is created lazily (so `next build` never opens the
// database) and kept on globalThis, because the custom server and Next's bundle load
// separate copies of this module and two clients on one PGlite directory corrupt it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { dataDir, env } from '@/lib/env';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { peekSingleton, setSingleton, singleton } from '@/lib/singleton';
import { applyMigrations, type RawSql } from './migrate';
import { acquireDataDirLock } from './pglite-lock';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  prisma: PrismaClient;
  raw: RawSql;
  /** PostgreSQL only: the pool, for LISTEN/NOTIFY. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

async function openPglite(dir: string): Promise<Database> {
  let release = () => {};
  let pglite: PGlite;
  if (dir.startsWith('memory://')) {
    pglite = new PGlite();
  } else {
    const pgdir = path.join(dir, 'pglite');
    mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(pgdir);
    pglite = new PGlite(pgdir);
  }
  await pglite.waitReady;
  const raw: RawSql = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
  };
  await applyMigrations(raw);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    engine: 'pglite',
    prisma,
    raw,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      release();
    },
  };
}

function clientRaw(client: pg.Pool | pg.PoolClient): RawSql {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
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
