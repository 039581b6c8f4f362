// The checks behind /api/ready: the database answers a trivial query, every migration this
// code ships is applied (compared with Prisma's `_prisma_migrations` bookkeeping that
// lib/data/migrate.ts keeps), and start-up has finished (read API handed over, cache sync
// listening) and no shutdown has begun.
import 'server-only';
import { migrationsCheck, readinessReport, type ReadinessCheck, type ReadinessReport } from '@/lib/domain/readiness';
import { lifecycle } from '@/lib/lifecycle';
import { database } from './db';
import { appliedMigrations, migrationNames, migrationsDirectory } from './migrate';

/** A probe must answer even when the database hangs (a pool with no free connection). */
const DATABASE_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

// The shipped migrations do not change while the process runs; read the folder once.
let shipped: string[] | undefined;

export async function checkReadiness(opts: { migrationsDir?: string } = {}): Promise<ReadinessReport> {
  const checks: ReadinessCheck[] = [];
  let raw: Awaited<ReturnType<typeof database>>['raw'] | undefined;
  try {
    const started = performance.now();
    const handle = await within(database(), DATABASE_TIMEOUT_MS, 'the database');
    await within(handle.raw.query('SELECT 1'), DATABASE_TIMEOUT_MS, 'the database');
    raw = handle.raw;
    checks.push({ name: 'database', ok: true, detail: `${handle.engine} answered in ${Math.round(performance.now() - started)} ms` });
  } catch (e) {
    checks.push({ name: 'database', ok: false, detail: reason(e) });
  }
  if (raw) {
    try {
      const onDisk = opts.migrationsDir
        ? await migrationNames(opts.migrationsDir)
        : (shipped ??= await migrationNames(migrationsDirectory()));
      const applied = await within(appliedMigrations(raw), DATABASE_TIMEOUT_MS, 'the database');
      checks.push(migrationsCheck(onDisk, applied));
    } catch (e) {
      checks.push({ name: 'migrations', ok: false, detail: reason(e) });
    }
  } else {
    checks.push({ name: 'migrations', ok: false, detail: 'not checked: the database is unavailable' });
  }
  const { started, stopping } = lifecycle();
  checks.push(
    stopping
      ? { name: 'startup', ok: false, detail: 'shutting down' }
      : started
        ? { name: 'startup', ok: true, detail: 'done' }
        : { name: 'startup', ok: false, detail: 'still starting' },
  );
  return readinessReport(checks);
}
