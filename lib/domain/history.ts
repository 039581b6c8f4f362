// Pure helpers for the revision history: editing sessions, sizes and times as the history
// page shows them. No I/O, so the page and its tests agree on every label.

export const SESSION_GAP_MS = 15 * 60_000;

export interface EditingSession<T> {
  authorId: string;
  /** The oldest revision's time. */
  start: Date;
  /** The newest revision's time. */
  end: Date;
  /** Newest first, as given. */
  items: T[];
}

/**
 * Groups revisions (newest first) into editing sessions: a run of consecutive revisions by
 * one author where no two neighbours are more than `gapMs` apart. Autosave writes many
 * revisions a minute, and a session header keeps the history readable.
 */
export function groupIntoSessions<T extends { createdAt: Date; authorId: string }>(
  items: T[],
  gapMs: number = SESSION_GAP_MS,
): EditingSession<T>[] {
  const sessions: EditingSession<T>[] = [];
  let current: EditingSession<T> | null = null;
  for (const item of items) {
    const joins =
      current !== null && current.authorId === item.authorId && Math.abs(current.start.getTime() - item.createdAt.getTime()) <= gapMs;
    if (current && joins) {
      current.items.push(item);
      current.start = item.createdAt;
    } else {
      current = { authorId: item.authorId, start: item.createdAt, end: item.createdAt, items: [item] };
      sessions.push(current);
    }
  }
  return sessions;
}

/** "812 B", "4.2 KB", "37 KB", "1.5 MB" (binary units, as the 256 KB content limit is). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(Number.isFinite(n) ? n : 0))} B`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${rounded} ${units[unit]}`;
}

/** "+/- 42 chars": the characters one save changed. */
export function formatChangeSize(chars: number): string {
  return `+/- ${chars.toLocaleString('en-US')} ${chars === 1 ? 'char' : 'chars'}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const utcFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const utcTimeFormat = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone: 'UTC' });

/** "Mar 4, 2026, 2:05 PM UTC": the absolute time, the same on every server. */
export function formatUtc(date: Date): string {
  return `${utcFormat.format(date)} UTC`;
}

/** A session's time range; the day is written once when both ends fall on it. */
export function formatUtcRange(start: Date, end: Date): string {
  if (end.getTime() - start.getTime() < MINUTE) return formatUtc(end);
  const sameDay = start.toISOString().slice(0, 10) === end.toISOString().slice(0, 10);
  return sameDay
    ? `${utcFormat.format(start)} – ${utcTimeFormat.format(end)} UTC`
    : `${utcFormat.format(start)} – ${utcFormat.format(end)} UTC`;
}

/** "just now", "2 min ago", "3 h ago", "5 days ago"; older than 30 days is the date. */
export function formatRelativeTime(date: Date, now: Date): string {
  const ago = now.getTime() - date.getTime();
  // A clock a little ahead of ours is still "just now", not "in 2 s".
  if (ago < MINUTE) return 'just now';
  if (ago < HOUR) return `${Math.floor(ago / MINUTE)} min ago`;
  if (ago < DAY) return `${Math.floor(ago / HOUR)} h ago`;
  const days = Math.floor(ago / DAY);
  if (days <= 30) return days === 1 ? 'yesterday' : `${days} days ago`;
  return formatUtc(date);
}

const MAX_REVISION_NUMBER = 2_147_483_647; // the column is a PostgreSQL integer

/** A revision number from a URL segment: "12" or "r12". Anything else is null. */
export function parseRevisionNumber(segment: string): number | null {
  const match = /^r?([1-9]\d{0,9})$/.exec(segment);
  if (!match) return null;
  const n = Number(match[1]);
  return n <= MAX_REVISION_NUMBER ? n : null;
}
