// The running server fires scheduled releases: every GALLEY_SCHEDULER_POLL_MS it publishes
// (or cancels, with the reason) those that are due. Its state is the database, so a restart
// picks up where it left off and a schedule due while the server was down fires on start;
// several instances may poll at once (lib/data/release-scheduler.ts fires each one once).
import 'server-only';
import type { Logger } from 'pino';
import { runDueSchedules } from '@/lib/data/release-scheduler';

export interface ReleaseSchedule {
  stop(): Promise<void>;
}

export function startReleaseSchedule({ intervalMs, log }: { intervalMs: number; log: Logger }): ReleaseSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function tick(): Promise<void> {
    try {
      for (const o of await runDueSchedules()) {
        if (o.outcome === 'published') log.info({ schedule: o.id, version: o.version }, 'scheduled release published');
        if (o.outcome === 'cancelled') log.warn({ schedule: o.id, reason: o.reason }, 'scheduled release cancelled');
      }
    } catch (e) {
      // Left "scheduled": the next tick tries again.
      log.error({ err: e }, 'scheduled releases: tick failed');
    }
  }

  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        next();
      });
    }, intervalMs).unref();
  };
  next();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
