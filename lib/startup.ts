// Runs once per server process (from instrumentation.ts): open and migrate the database,
// error the evaluation runs a crash or restart interrupted, then seed an empty one. A locked
// embedded database stops the process with the reason.
import 'server-only';
import path from 'node:path';
import { startCacheSync, stopCacheSync } from '@/lib/api/cache-sync';
import { handleApiRequest, handleCachedRequest } from '@/lib/api/handler';
import { startBackupSchedule } from '@/lib/backup-schedule';
import { startReleaseSchedule } from '@/lib/release-schedule';
import { closeDatabase, database } from '@/lib/data/db';
import { pruneDeviceSessions } from '@/lib/data/device-sessions';
import { markInterruptedRuns, STALE_RUN_MS } from '@/lib/data/evaluation-runs';
import { DataDirLockedError } from '@/lib/data/pglite-lock';
import { dataDir, env } from '@/lib/env';
import { lifecycle } from '@/lib/lifecycle';
import { flushLog, logger } from '@/lib/log';
import { seedIfEmpty } from '@/lib/seed';
import { setSingleton } from '@/lib/singleton';
import { startWebhookService, stopWebhookService } from '@/lib/webhooks/service';

const sweepInterruptedRuns = () =>
  markInterruptedRuns().catch((e) => logger().error({ err: e }, 'could not error interrupted evaluation runs'));
const PRUNE_SESSIONS_MS = 6 * 3_600_000;
const pruneSessions = () =>
  pruneDeviceSessions()
    .then((count) => count > 0 && logger().info({ count }, 'pruned old device sessions'))
    .catch((e) => logger().error({ err: e }, 'could not prune device sessions'));

export async function startup(): Promise<void> {
  try {
    const { engine } = await database();
    logger().info({ engine }, `database: ${engine === 'pglite' ? `embedded PGlite at ${dataDir()}` : 'PostgreSQL (DATABASE_URL)'}`);
    await sweepInterruptedRuns();
    // Again later: a run interrupted shortly before this start (or one another instance was
    // executing when it stopped) is only recognisable once it has been silent for STALE_RUN_MS.
    const sweep = setInterval(sweepInterruptedRuns, STALE_RUN_MS / 2).unref();
    void pruneSessions();
    const prune = setInterval(pruneSessions, PRUNE_SESSIONS_MS).unref();
    if (env.GALLEY_SEED === 'true') await seedIfEmpty();
    await startCacheSync();
    await startWebhookService();
    const backups = env.GALLEY_BACKUP_DIR
      ? startBackupSchedule({
          dir: path.resolve(env.GALLEY_BACKUP_DIR),
          intervalMs: env.GALLEY_BACKUP_INTERVAL_HOURS * 3_600_000,
          keep: env.GALLEY_BACKUP_KEEP,
          log: logger(),
        })
      : undefined;
    const releases = startReleaseSchedule({ intervalMs: env.GALLEY_SCHEDULER_POLL_MS, log: logger() });
    // The custom server answers /api/v1 itself with this handler (see server.ts). It is
    // handed over on globalThis because the server cannot import Next's bundled modules;
    // so is what its graceful shutdown calls once the requests in flight are done.
    setSingleton('Api', handleApiRequest);
    setSingleton('ApiCached', handleCachedRequest);
    setSingleton('StopServices', async () => {
      clearInterval(sweep);
      clearInterval(prune);
      await releases.stop();
      await backups?.stop();
      await stopCacheSync();
      await stopWebhookService();
      await closeDatabase({ final: true });
    });
    lifecycle().started = true;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      logger().fatal(e.message);
      await flushLog();
      process.exit(1);
    }
    throw e;
  }
}
