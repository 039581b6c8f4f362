// Applies prisma/migrations/*/migration.sql in order, keeping Prisma's own
// `_prisma_migrations` bookkeeping, so `prisma migrate deploy` stays usable wherever the
// engine binary can be fetched. Runs offline on both engines (the Prisma CLI cannot download its engine here).
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface RawSql {
  /** Runs a script that may hold several statements. */
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Same advisory lock key Prisma uses, so app instances and `prisma migrate` never interleave.
const LOCK_KEY = 72707369;

export function migrationsDirectory(): string {
  return path.join(process.cwd(), 'prisma', 'migrations');
}

/** The migrations this code ships, in the order they apply. */
export async function migrationNames(dir = migrationsDirectory()): Promise<string[]> {
  return (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

const APPLIED = `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** The migrations the database records as applied (none when it was never migrated). */
export async function appliedMigrations(raw: RawSql): Promise<string[]> {
  const [bookkeeping] = await raw.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!bookkeeping?.exists) return [];
  return (await raw.query<{ migration_name: string }>(APPLIED)).map((r) => r.migration_name);
}

export async function applyMigrations(raw: RawSql, dir = migrationsDirectory()): Promise<string[]> {
  const names = await migrationNames(dir);
  await raw.exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await raw.exec(BOOKKEEPING);
    const done = new Set((await raw.query<{ migration_name: string }>(APPLIED)).map((r) => r.migration_name));
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      await raw.exec(`BEGIN;\n${sql}\n;COMMIT;`).catch(async (e) => {
        await raw.exec('ROLLBACK').catch(() => {});
        throw new Error(`Migration ${name} failed: ${(e as Error).message}`);
      });
      await raw.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), checksum, name],
      );
      applied.push(name);
    }
    return applied;
  } finally {
    await raw.exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}
