import { describe, expect, it } from 'vitest';
import { compareRuns, countResults, runStatus, type ResultStatus } from './summary';

const r = (...statuses: ResultStatus[]) => statuses.map((status) => ({ status }));
const named = (pairs: [string, ResultStatus][]) => pairs.map(([caseName, status]) => ({ caseName, status }));

describe('runStatus', () => {
  it('passes only when every case passed', () => {
    expect(runStatus(r('passed', 'passed'))).toBe('passed');
    expect(runStatus(r('passed', 'failed'))).toBe('failed');
  });

  it('ranks errored above failed', () => {
    expect(runStatus(r('failed', 'errored', 'passed'))).toBe('errored');
  });

  it('stays cancelled whatever finished before the cancel', () => {
    expect(runStatus(r('passed', 'errored'), { cancelled: true })).toBe('cancelled');
    expect(runStatus(r('passed', 'cancelled'))).toBe('cancelled');
  });

  it('does not pass a run with cases that never reported', () => {
    expect(runStatus(r('passed'), { total: 2 })).toBe('errored');
    expect(runStatus(r('passed', 'passed'), { total: 2 })).toBe('passed');
  });
});

describe('countResults', () => {
  it('counts each status', () => {
    expect(countResults(5, r('passed', 'failed', 'errored', 'passed', 'cancelled'))).toEqual({
      total: 5,
      passed: 2,
      failed: 1,
      errored: 1,
    });
  });
});

describe('compareRuns', () => {
  it('matches cases by name: fixed, regressed, same, added, removed', () => {
    const baseline = named([
      ['a', 'failed'],
      ['b', 'passed'],
      ['c', 'passed'],
      ['d', 'errored'],
      ['gone', 'passed'],
    ]);
    const current = named([
      ['a', 'passed'],
      ['b', 'errored'],
      ['c', 'passed'],
      ['d', 'failed'],
      ['new', 'failed'],
    ]);
    const result = compareRuns(baseline, current);
    expect(result.cases).toEqual([
      { caseName: 'a', baseline: 'failed', current: 'passed', change: 'fixed' },
      { caseName: 'b', baseline: 'passed', current: 'errored', change: 'regressed' },
      { caseName: 'c', baseline: 'passed', current: 'passed', change: 'same' },
      { caseName: 'd', baseline: 'errored', current: 'failed', change: 'same' },
      { caseName: 'new', baseline: null, current: 'failed', change: 'added' },
      { caseName: 'gone', baseline: 'passed', current: null, change: 'removed' },
    ]);
    expect(result).toMatchObject({ fixed: 1, regressed: 1, same: 2, added: 1, removed: 1 });
  });

  it('treats everything as added without a baseline', () => {
    expect(compareRuns([], named([['a', 'passed']])).added).toBe(1);
  });
});
