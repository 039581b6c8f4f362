// Scheduled backups by the running server (GALLEY_BACKUP_DIR): one on start when the newest is
// older than the interval (or there is none), then every GALLEY_BACKUP_INTERVAL_HOURS, the newest
// GALLEY_BACKUP_KEEP kept. Each is written beside its final name and renamed when complete, so
// the directory never holds half a backup. SIGUSR2 asks for one now: the way to back up the
// embedded database while Galley runs, since no second process may open it. Shutdown stops the
// timer and waits for a backup in progress before the database closes.
import 'server-only';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeBackup, type BackupSummary } from '@/lib/data/backup/write';
import { database } from '@/lib/data/db';
import { backupFileName, backupsToDelete, nextBackupDelay } from '@/lib/domain/backup/rotation';

export interface BackupScheduleOptions {
  dir: string;
  intervalMs: number;
  keep: number;
  log: Logger;
  now?: () => Date;
}

export interface BackupSchedule {
  /** Takes a backup now (or joins the one running); null when it failed (the failure is logged). */
  runNow(): Promise<BackupSummary | null>;
  stop(): Promise<void>;
}

export function startBackupSchedule({ dir, intervalMs, keep, log, now = () => new Date() }: BackupScheduleOptions): BackupSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BackupSummary | null> | undefined;
  let stopped = false;

  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runNow(), Math.min(ms, 2 ** 31 - 1)).unref();
  };

  async function backUp(): Promise<BackupSummary | null> {
    const started = Date.now();
    try {
      await mkdir(dir, { recursive: true });
      const summary = await writeBackup(await database(), path.join(dir, backupFileName(now())));
      const old = backupsToDelete(await readdir(dir), keep);
      await Promise.all(old.map((name) => rm(path.join(dir, name), { force: true })));
      log.info(
        { file: summary.file, bytes: summary.bytes, rows: summary.rows, ms: Date.now() - started, deleted: old.length },
        'backup written',
      );
      return summary;
    } catch (e) {
      log.error({ err: e, dir }, 'scheduled backup failed');
      return null;
    }
  }

  function runNow(): Promise<BackupSummary | null> {
    running ??= backUp().finally(() => {
      running = undefined;
      schedule(intervalMs);
    });
    return running;
  }

  const onSignal = () => {
    log.info({ dir }, 'SIGUSR2: writing a backup now');
    void runNow();
  };
  process.on('SIGUSR2', onSignal);

  void (async () => {
    const names = await mkdir(dir, { recursive: true })
      .then(() => readdir(dir))
      .catch(() => []);
    const delay = nextBackupDelay(names, now(), intervalMs);
    log.info({ dir, intervalHours: intervalMs / 3_600_000, keep, firstInMs: delay }, 'scheduled backups on');
    schedule(delay);
  })();

  return {
    runNow,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      process.off('SIGUSR2', onSignal);
      await running;
    },
  };
}
