// What a run adds up to, and how two runs differ case by case.
export type RunStatus = 'queued' | 'running' | 'passed' | 'failed' | 'errored' | 'cancelled';
export type ResultStatus = 'passed' | 'failed' | 'errored' | 'cancelled';

export const FINISHED_STATUSES = ['passed', 'failed', 'errored'] as const;

export interface RunCounts {
  total: number;
  passed: number;
  failed: number;
  errored: number;
}

export function countResults(total: number, results: { status: ResultStatus }[]): RunCounts {
  const count = (s: ResultStatus) => results.filter((r) => r.status === s).length;
  return { total, passed: count('passed'), failed: count('failed'), errored: count('errored') };
}

/**
 * A cancelled run stays cancelled whatever finished before the cancel. Otherwise an errored
 * case outranks a failed one: the run proved nothing about that case, so it cannot pass.
 */
export function runStatus(results: { status: ResultStatus }[], opts: { cancelled?: boolean; total?: number } = {}): RunStatus {
  if (opts.cancelled || results.some((r) => r.status === 'cancelled')) return 'cancelled';
  if (results.some((r) => r.status === 'errored')) return 'errored';
  // Cases that never reported cannot count as passing.
  if (opts.total !== undefined && results.length < opts.total) return 'errored';
  if (results.some((r) => r.status === 'failed')) return 'failed';
  return 'passed';
}

export type CaseChange = 'fixed' | 'regressed' | 'same' | 'added' | 'removed';

export interface CaseComparison {
  caseName: string;
  baseline: ResultStatus | null;
  current: ResultStatus | null;
  change: CaseChange;
}

export interface RunComparison {
  cases: CaseComparison[];
  fixed: number;
  regressed: number;
  same: number;
  added: number;
  removed: number;
}

/**
 * Matches cases by name (test cases may be edited or recreated between runs). `fixed`:
 * did not pass before, passes now; `regressed`: passed before, does not now; `same`: the
 * pass/no-pass outcome did not change. Cases in only one run are `added` or `removed`.
 */
export function compareRuns(
  baseline: { caseName: string; status: ResultStatus }[],
  current: { caseName: string; status: ResultStatus }[],
): RunComparison {
  const before = new Map<string, ResultStatus>();
  for (const r of baseline) if (!before.has(r.caseName)) before.set(r.caseName, r.status);
  const seen = new Set<string>();
  const cases: CaseComparison[] = [];
  for (const r of current) {
    if (seen.has(r.caseName)) continue;
    seen.add(r.caseName);
    const old = before.get(r.caseName) ?? null;
    let change: CaseChange = 'added';
    if (old !== null) {
      const was = old === 'passed';
      const is = r.status === 'passed';
      change = was === is ? 'same' : is ? 'fixed' : 'regressed';
    }
    cases.push({ caseName: r.caseName, baseline: old, current: r.status, change });
  }
  for (const [caseName, status] of before) {
    if (!seen.has(caseName)) cases.push({ caseName, baseline: status, current: null, change: 'removed' });
  }
  const count = (c: CaseChange) => cases.filter((x) => x.change === c).length;
  return {
    cases,
    fixed: count('fixed'),
    regressed: count('regressed'),
    same: count('same'),
    added: count('added'),
    removed: count('removed'),
  };
}
