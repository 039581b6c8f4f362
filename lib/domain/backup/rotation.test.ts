import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, backupTime, nextBackupDelay } from './rotation';

const HOUR = 3_600_000;

describe('scheduled backup files', () => {
  it('are named by their UTC time, second precision, and read back', () => {
    const at = new Date('2026-12-02T06:15:09.420Z');
    expect(backupFileName(at)).toBe('galley-backup-20261202T061509Z.jsonl.gz');
    expect(backupTime(backupFileName(at))).toEqual(new Date('2026-12-02T06:15:09Z'));
    expect(backupTime('galley-backup-20261202T061509Z.jsonl.gz.partial')).toBeNull();
    expect(backupTime('notes.txt')).toBeNull();
  });

  it('keep the newest N and never touch other files', () => {
    const names = [
      'galley-backup-20261203T000000Z.jsonl.gz',
      'mine.jsonl.gz',
      'galley-backup-20261201T000000Z.jsonl.gz',
      'galley-backup-20261202T000000Z.jsonl.gz',
    ];
    expect(backupsToDelete(names, 2)).toEqual(['galley-backup-20261201T000000Z.jsonl.gz']);
    expect(backupsToDelete(names, 7)).toEqual([]);
  });

  it('are due at once when there is none or the newest is overdue, else when the interval from the newest ends', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(nextBackupDelay([], now, 24 * HOUR)).toBe(0);
    expect(nextBackupDelay(['galley-backup-20261201T000000Z.jsonl.gz'], now, 24 * HOUR)).toBe(0);
    expect(nextBackupDelay(['galley-backup-20261202T060000Z.jsonl.gz', 'galley-backup-20261201T060000Z.jsonl.gz'], now, 24 * HOUR)).toBe(
      18 * HOUR,
    );
  });
});
