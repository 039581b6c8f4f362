// The running server's scheduled backups (GALLEY_BACKUP_DIR): the first is written at once when
// the newest is overdue, complete under its time-stamped name (never a .partial left behind),
// restorable; older ones beyond GALLEY_BACKUP_KEEP go, other files stay; a recent backup means
// no backup on start; stop() waits for the one in progress.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startBackupSchedule } from '@/lib/backup-schedule';
import { restoreBackup } from '@/lib/data/backup/restore';
import { database } from '@/lib/data/db';
import { backupFileName } from '@/lib/domain/backup/rotation';
import { openMemory, seedWorkspace } from './backup-fixtures';

const HOUR = 3_600_000;

function collectingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  return { log, lines };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
};

describe('scheduled backups', () => {
  it('writes an overdue backup at once, keeps the newest N and leaves other files alone', async () => {
    await database();
    await seedWorkspace();
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-scheduled-'));
    const old = [1, 2, 3, 4].map((d) => backupFileName(new Date(Date.UTC(2026, 0, d))));
    for (const name of [...old, 'notes.txt']) writeFileSync(path.join(dir, name), 'x');
    const { log, lines } = collectingLog();
    const schedule = startBackupSchedule({ dir, intervalMs: 24 * HOUR, keep: 3, log });
    try {
      await until(() => lines.some((l) => l.msg === 'backup written'));
      const files = readdirSync(dir).sort();
      const written = files.find((f) => f.startsWith('galley-backup-2026') && !old.includes(f));
      expect(written).toBeDefined();
      expect(files).toEqual([old[2], old[3], written, 'notes.txt'].sort());
      expect(lines.find((l) => l.msg === 'backup written')).toMatchObject({ file: path.join(dir, written!), deleted: 2 });
      const target = await openMemory();
      try {
        expect((await restoreBackup(target, path.join(dir, written!))).rows).toBeGreaterThan(10);
      } finally {
        await target.close();
      }
    } finally {
      await schedule.stop();
    }
  });

  it('waits out the interval after a recent backup, takes one on request, and stop() waits for it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-scheduled-'));
    writeFileSync(path.join(dir, backupFileName(new Date(Date.now() - HOUR))), 'recent');
    const { log, lines } = collectingLog();
    const schedule = startBackupSchedule({ dir, intervalMs: 24 * HOUR, keep: 7, log });
    await until(() => lines.some((l) => l.msg === 'scheduled backups on'));
    expect(lines.find((l) => l.msg === 'scheduled backups on')!.firstInMs).toBeGreaterThan(22 * HOUR);
    expect(readdirSync(dir)).toHaveLength(1);
    const pending = schedule.runNow();
    await schedule.stop();
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect((await pending)?.rows).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
