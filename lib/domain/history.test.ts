import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatChangeSize,
  formatRelativeTime,
  formatUtc,
  formatUtcRange,
  groupIntoSessions,
  parseRevisionNumber,
} from './history';

const t0 = Date.UTC(2026, 2, 4, 14, 0, 0);
const min = 60_000;
const rev = (n: number, authorId: string, minutesAfterT0: number) => ({ n, authorId, createdAt: new Date(t0 + minutesAfterT0 * min) });

describe('groupIntoSessions', () => {
  it('returns nothing for no revisions', () => {
    expect(groupIntoSessions([])).toEqual([]);
  });

  it('keeps consecutive revisions by one author within the gap together', () => {
    // Newest first: r4 … r1, all by ann, 10 minutes apart.
    const items = [rev(4, 'ann', 30), rev(3, 'ann', 20), rev(2, 'ann', 10), rev(1, 'ann', 0)];
    const sessions = groupIntoSessions(items);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.items.map((i) => i.n)).toEqual([4, 3, 2, 1]);
    expect(sessions[0]!.start).toEqual(new Date(t0));
    expect(sessions[0]!.end).toEqual(new Date(t0 + 30 * min));
  });

  it('splits on a gap longer than gapMs, measured between neighbours', () => {
    // 16 minutes between r3 and r2; the whole session spans far more than 15 minutes.
    const items = [rev(5, 'ann', 60), rev(4, 'ann', 50), rev(3, 'ann', 40), rev(2, 'ann', 24), rev(1, 'ann', 10)];
    expect(groupIntoSessions(items).map((s) => s.items.map((i) => i.n))).toEqual([
      [5, 4, 3],
      [2, 1],
    ]);
  });

  it('treats a gap of exactly gapMs as the same session', () => {
    const items = [rev(2, 'ann', 15), rev(1, 'ann', 0)];
    expect(groupIntoSessions(items)).toHaveLength(1);
    expect(groupIntoSessions(items, 15 * min - 1)).toHaveLength(2);
  });

  it('starts a new session when the author changes, even within the gap', () => {
    const items = [rev(4, 'ann', 4), rev(3, 'bob', 3), rev(2, 'bob', 2), rev(1, 'ann', 1)];
    const sessions = groupIntoSessions(items);
    expect(sessions.map((s) => [s.authorId, s.items.map((i) => i.n)])).toEqual([
      ['ann', [4]],
      ['bob', [3, 2]],
      ['ann', [1]],
    ]);
    expect(sessions[1]!.start).toEqual(new Date(t0 + 2 * min));
    expect(sessions[1]!.end).toEqual(new Date(t0 + 3 * min));
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [812, '812 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [4300, '4.2 KB'],
    [37_000, '36 KB'],
    [262_144, '256 KB'],
    [1_572_864, '1.5 MB'],
  ])('formats %d as %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
});

describe('formatChangeSize', () => {
  it('says chars, singular for one', () => {
    expect(formatChangeSize(42)).toBe('+/- 42 chars');
    expect(formatChangeSize(1)).toBe('+/- 1 char');
    expect(formatChangeSize(12_345)).toBe('+/- 12,345 chars');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date(t0);
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [-5 * min, 'just now'],
    [2 * min, '2 min ago'],
    [59 * min + 59_000, '59 min ago'],
    [3 * 60 * min, '3 h ago'],
    [24 * 60 * min, 'yesterday'],
    [5 * 24 * 60 * min, '5 days ago'],
  ])('%d ms ago is %s', (ago, expected) => {
    expect(formatRelativeTime(new Date(t0 - ago), now)).toBe(expected);
  });

  it('falls back to the absolute UTC date after 30 days', () => {
    expect(formatRelativeTime(new Date(t0 - 40 * 24 * 60 * min), now)).toBe(formatUtc(new Date(t0 - 40 * 24 * 60 * min)));
  });
});

describe('formatUtc / formatUtcRange', () => {
  it('writes UTC regardless of the process time zone', () => {
    expect(formatUtc(new Date(t0 + 5 * min))).toMatch(/^Mar 4, 2026, 2:05\sPM UTC$/);
  });

  it('writes the day once for a range within one day', () => {
    expect(formatUtcRange(new Date(t0), new Date(t0 + 40 * min))).toMatch(/^Mar 4, 2026, 2:00\sPM – 2:40\sPM UTC$/);
    expect(formatUtcRange(new Date(t0), new Date(t0 + 20_000))).toBe(formatUtc(new Date(t0 + 20_000)));
    expect(formatUtcRange(new Date(t0), new Date(t0 + 24 * 60 * min))).toMatch(/^Mar 4, 2026, .* – Mar 5, 2026, .* UTC$/);
  });
});

describe('parseRevisionNumber', () => {
  it('accepts "12" and "r12"', () => {
    expect(parseRevisionNumber('12')).toBe(12);
    expect(parseRevisionNumber('r12')).toBe(12);
    expect(parseRevisionNumber('1')).toBe(1);
    expect(parseRevisionNumber('2147483647')).toBe(2_147_483_647);
  });

  it.each(['', 'r', '0', 'r0', '012', 'v12', 'R12', '1.5', '-1', ' 1', '1e3', '2147483648', '99999999999999999999'])('rejects %j', (s) => {
    expect(parseRevisionNumber(s)).toBeNull();
  });
});
