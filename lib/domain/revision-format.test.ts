import { describe, expect, it } from 'vitest';
import { formatRevision, formatVersion, parseRef } from './revision-format';

describe('formatRevision / formatVersion', () => {
  it('prefixes revisions with r and releases with v', () => {
    expect(formatRevision(12)).toBe('r12');
    expect(formatVersion(3)).toBe('v3');
  });

  it('round-trips through parseRef', () => {
    for (const n of [1, 9, 10, 4096]) {
      expect(parseRef(formatRevision(n))).toEqual({ kind: 'revision', number: n });
      expect(parseRef(formatVersion(n))).toEqual({ kind: 'release', number: n });
    }
  });
});

describe('parseRef', () => {
  it('parses revisions and releases', () => {
    expect(parseRef('r12')).toEqual({ kind: 'revision', number: 12 });
    expect(parseRef('v3')).toEqual({ kind: 'release', number: 3 });
  });

  it.each(['', 'r', 'v0', 'r012', 'R1', 'x1', 'r1.5', 'r-1', ' r1', 'r1 ', 'v1a', '12', 'r99999999999999999999'])('rejects %j', (input) => {
    expect(parseRef(input)).toBeNull();
  });
});
