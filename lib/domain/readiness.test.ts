import { describe, expect, it } from 'vitest';
import { migrationsCheck, readinessReport } from './readiness';

describe('migrationsCheck', () => {
  const shipped = ['20260101_init', '20260201_reviews', '20260301_canary'];

  it('passes when every shipped migration is applied', () => {
    expect(migrationsCheck(shipped, [...shipped])).toEqual({ name: 'migrations', ok: true, detail: '3 applied' });
  });

  it('fails naming the pending ones', () => {
    expect(migrationsCheck(shipped, ['20260101_init'])).toEqual({
      name: 'migrations',
      ok: false,
      detail: '2 of 3 not applied: 20260201_reviews, 20260301_canary',
    });
    expect(migrationsCheck(shipped, []).ok).toBe(false);
  });

  it('passes, and says so, when the database is ahead of this version (a rolling upgrade)', () => {
    const check = migrationsCheck(shipped, [...shipped, '20260401_next']);
    expect(check.ok).toBe(true);
    expect(check.detail).toBe('3 applied; 1 newer than this version: 20260401_next');
  });
});

describe('readinessReport', () => {
  const database = { name: 'database', ok: true, detail: 'pglite answered in 1 ms' } as const;
  const startup = { name: 'startup', ok: true, detail: 'done' } as const;

  it('is 200 listing every check when all pass', () => {
    const report = readinessReport([database, startup]);
    expect(report).toEqual({ status: 200, body: { ready: true, checks: [database, startup] } });
  });

  it('is 503 naming each failing check and why', () => {
    const report = readinessReport([
      { name: 'database', ok: false, detail: 'connection refused' },
      { name: 'migrations', ok: false, detail: 'not checked: the database is unavailable' },
      startup,
    ]);
    expect(report.status).toBe(503);
    expect(report.body.ready).toBe(false);
    expect(report.body.checks).toHaveLength(3);
    expect(report.body.error).toEqual({
      code: 'unavailable',
      message: 'Not ready: database (connection refused); migrations (not checked: the database is unavailable)',
    });
  });
});
