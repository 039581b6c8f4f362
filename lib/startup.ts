// Runs once per server process (from instrumentation.ts): open and migrate the database,
// error the evaluation runs a crash or restart interrupted, then seed an empty one. A locked
// embedded database stops the process with the reason.
import 'server-only';
import { startCacheSync } from '@/lib/api/cache-sync';
import { handleApiRequest, handleCachedRequest } from '@/lib/api/handler';
import { database } from '@/lib/data/db';
import { markInterruptedRuns, STALE_RUN_MS } from '@/lib/data/evaluation-runs';
import { DataDirLockedError } from '@/lib/data/pglite-lock';
import { dataDir, env } from '@/lib/env';
import { seedIfEmpty } from '@/lib/seed';
import { setSingleton } from '@/lib/singleton';

const sweepInterruptedRuns = () =>
  markInterruptedRuns().catch((e) => console.error('[galley] could not error interrupted evaluation runs', e));

export async function startup(): Promise<void> {
  try {
    const { engine } = await database();
    console.log(`[galley] database: ${engine === 'pglite' ? `embedded PGlite at ${dataDir()}` : 'PostgreSQL (DATABASE_URL)'}`);
    await sweepInterruptedRuns();
    // Again later: a run interrupted shortly before this start (or one another instance was
    // executing when it stopped) is only recognisable once it has been silent for STALE_RUN_MS.
    setInterval(sweepInterruptedRuns, STALE_RUN_MS / 2).unref();
    if (env.GALLEY_SEED === 'true') await seedIfEmpty();
    await startCacheSync();
    // The custom server answers /api/v1 itself with this handler (see server.ts). It is
    // handed over on globalThis because the server cannot import Next's bundled modules.
    setSingleton('Api', handleApiRequest);
    setSingleton('ApiCached', handleCachedRequest);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(`\n[galley] ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
