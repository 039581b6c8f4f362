// Regression: 50 wrong passwords for one account all answered in ~50 ms with no delay or
// lockout, and the right one then worked.
import { describe, expect, it } from 'vitest';
import { ACCOUNT_POLICY, afterFailure, describeWait, waitMs, type ThrottleRecord } from './throttle';

function fail(times: number, start = 0, step = 0): ThrottleRecord | undefined {
  let record: ThrottleRecord | undefined;
  for (let i = 0; i < times; i++) record = afterFailure(record, ACCOUNT_POLICY, start + i * step);
  return record;
}

describe('sign-in throttle', () => {
  it('lets the free failures through without a wait', () => {
    expect(waitMs(undefined, ACCOUNT_POLICY, 0)).toBe(0);
    expect(waitMs(fail(4), ACCOUNT_POLICY, 0)).toBe(0);
  });

  it('doubles the wait after each failure past the free ones', () => {
    expect(waitMs(fail(5), ACCOUNT_POLICY, 0)).toBe(30_000);
    expect(waitMs(fail(6), ACCOUNT_POLICY, 0)).toBe(60_000);
    expect(waitMs(fail(8), ACCOUNT_POLICY, 0)).toBe(240_000);
    expect(waitMs(fail(6), ACCOUNT_POLICY, 45_000)).toBe(15_000);
  });

  it('caps the wait at the lockout window, however many failures', () => {
    expect(waitMs(fail(50), ACCOUNT_POLICY, 0)).toBe(ACCOUNT_POLICY.maxDelayMs);
    expect(waitMs(fail(5000), ACCOUNT_POLICY, 0)).toBe(ACCOUNT_POLICY.maxDelayMs);
  });

  it('forgets a record after a quiet period and starts counting again', () => {
    const old = fail(50)!;
    expect(waitMs(old, ACCOUNT_POLICY, ACCOUNT_POLICY.forgetAfterMs)).toBe(0);
    expect(afterFailure(old, ACCOUNT_POLICY, ACCOUNT_POLICY.forgetAfterMs)).toEqual({
      failures: 1,
      lastFailureAt: ACCOUNT_POLICY.forgetAfterMs,
    });
  });

  it('says the wait in words', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(42_000)).toBe('42 seconds');
    expect(describeWait(15 * 60_000)).toBe('15 minutes');
  });
});
