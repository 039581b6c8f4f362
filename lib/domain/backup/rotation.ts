// Scheduled backups: their file names (sortable by time), which old ones to delete, and when
// the next one is due (a restart neither skips a backup nor takes one too early).

const NAME_RE = /^galley-backup-(\d{8}T\d{6}Z)\.jsonl\.gz$/;

/** galley-backup-20261202T061500Z.jsonl.gz */
export function backupFileName(at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `galley-backup-${stamp}.jsonl.gz`;
}

/** When the named scheduled backup was taken, or null for any other file. */
export function backupTime(name: string): Date | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const s = m[1]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The scheduled backups to delete so that the newest `keep` remain (other files are left alone). */
export function backupsToDelete(names: string[], keep: number): string[] {
  const ours = names.filter((n) => backupTime(n) !== null).sort();
  return ours.slice(0, Math.max(0, ours.length - keep));
}

/** Milliseconds until the next backup: at once when none exists or the newest is overdue. */
export function nextBackupDelay(names: string[], now: Date, intervalMs: number): number {
  const newest = names
    .map(backupTime)
    .filter((t): t is Date => t !== null)
    .reduce<Date | null>((a, b) => (a && a > b ? a : b), null);
  if (!newest) return 0;
  return Math.max(0, newest.getTime() + intervalMs - now.getTime());
}
