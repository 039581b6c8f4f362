// Runs once per server process (from instrumentation.ts): open and migrate the database,
// then seed an empty one. A locked embedded database stops the process with the reason.
import 'server-only';
import { database } from '@/lib/data/db';
import { DataDirLockedError } from '@/lib/data/pglite-lock';
import { dataDir, env } from '@/lib/env';
import { seedIfEmpty } from '@/lib/seed';

export async function startup(): Promise<void> {
  try {
    const { engine } = await database();
    console.log(`[galley] database: ${engine === 'pglite' ? `embedded PGlite at ${dataDir()}` : 'PostgreSQL (DATABASE_URL)'}`);
    if (env.GALLEY_SEED === 'true') await seedIfEmpty();
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`\n[galley] ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
