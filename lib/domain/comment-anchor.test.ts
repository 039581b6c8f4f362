import { describe, expect, it } from 'vitest';
import { anchorAt, anchorState, currentThreads, unresolvedBlocker, type ThreadSummary } from './comment-anchor';
import type { Content } from './content';

function content(body: string, id = 'b1'): Content {
  return {
    blocks: [{ id, kind: 'instructions', title: 'Rules', body, enabled: true }],
    variables: [],
    model: {},
  } as unknown as Content;
}

const v1 = content('one\ntwo\nthree\nfour');

describe('anchorAt', () => {
  it('takes the exact lines of the block as the snippet', () => {
    expect(anchorAt(v1, 'b1', 2, 3)).toEqual({ ok: true, anchor: { blockId: 'b1', startLine: 2, endLine: 3, snippet: 'two\nthree' } });
    expect(anchorAt(v1, 'b1', 4, 4)).toMatchObject({ ok: true, anchor: { snippet: 'four' } });
  });

  it('refuses a missing block and ranges outside the body or backwards', () => {
    expect(anchorAt(v1, 'nope', 1, 1)).toEqual({ ok: false, message: 'That block is not in this revision.' });
    for (const [s, e] of [
      [0, 1],
      [3, 2],
      [4, 5],
      [1.5, 2],
    ] as const) {
      expect(anchorAt(v1, 'b1', s, e)).toEqual({ ok: false, message: 'Choose lines between 1 and 4 of “Rules”.' });
    }
  });
});

describe('anchorState', () => {
  const anchor = { blockId: 'b1', startLine: 2, endLine: 3, snippet: 'two\nthree' };

  it('is current while those lines are unchanged, even when other lines change', () => {
    expect(anchorState(anchor, v1)).toEqual({ state: 'current' });
    expect(anchorState(anchor, content('one\ntwo\nthree\nfour, five'))).toEqual({ state: 'current' });
  });

  it('is outdated when those lines change, and is never moved to where the text went', () => {
    expect(anchorState(anchor, content('one\nTWO\nthree\nfour'))).toEqual({ state: 'outdated', why: 'lines_changed' });
    // The same text two lines lower: still outdated, not re-anchored.
    expect(anchorState(anchor, content('zero\nhalf\none\ntwo\nthree'))).toEqual({ state: 'outdated', why: 'lines_changed' });
  });

  it('is outdated when the body got shorter or the block was removed', () => {
    expect(anchorState(anchor, content('one\ntwo'))).toEqual({ state: 'outdated', why: 'lines_changed' });
    expect(anchorState(anchor, content('one\ntwo\nthree', 'b2'))).toEqual({ state: 'outdated', why: 'block_removed' });
  });

  it('treats CRLF bodies line by line like LF ones', () => {
    expect(anchorState(anchor, content('one\r\ntwo\r\nthree'))).toEqual({ state: 'current' });
  });
});

describe('unresolvedBlocker', () => {
  const onReview = (resolved: boolean, reviewStatus: ThreadSummary['reviewStatus'] = 'open'): ThreadSummary => ({
    resolved,
    reviewStatus,
    revisionNumber: 3,
  });

  it('names how many conversations are open, or nothing', () => {
    expect(unresolvedBlocker([])).toBeNull();
    expect(unresolvedBlocker([onReview(true)])).toBeNull();
    expect(unresolvedBlocker([onReview(false), onReview(true)])).toBe('1 conversation is not resolved.');
    expect(unresolvedBlocker([onReview(false), onReview(false)])).toBe('2 conversations are not resolved.');
  });

  it('counts only threads on open reviews: closed and published reviews are history', () => {
    expect(unresolvedBlocker([onReview(false, 'closed'), onReview(false, 'published')])).toBeNull();
    expect(unresolvedBlocker([onReview(false, 'closed'), onReview(false, 'open')])).toBe('1 conversation is not resolved.');
  });

  it('counts compare-view threads on revisions newer than production, or all while nothing is published', () => {
    const onCompare = (revisionNumber: number): ThreadSummary => ({ resolved: false, reviewStatus: null, revisionNumber });
    expect(unresolvedBlocker([onCompare(2), onCompare(5)], 4)).toBe('1 conversation is not resolved.');
    expect(unresolvedBlocker([onCompare(4)], 4)).toBeNull();
    expect(unresolvedBlocker([onCompare(1)], null)).toBe('1 conversation is not resolved.');
    expect(currentThreads([onCompare(2), onCompare(5), onReview(false, 'closed')], 4)).toEqual([onCompare(5)]);
  });
});
