// Back-off for failed sign-ins (and refused sign-ups): a few free failures, then each new
// attempt must wait twice as long as the last, up to a lockout window. Pure: the caller
// keeps the records and passes the clock.

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The first wait after the free failures. */
  baseDelayMs: number;
  /** The longest wait: the lockout window. */
  maxDelayMs: number;
  /** A record with no failure for this long is forgotten. */
  forgetAfterMs: number;
}

export interface ThrottleRecord {
  failures: number;
  lastFailureAt: number;
}

/** Per account: 5 free failures, then 30 s, 1 min, 2 min … up to a 15-minute lockout. */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/** Per client address: more room (offices share one address), the same lockout. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** How long the record's owner must wait before the next attempt (0: it may try now). */
export function waitMs(record: ThrottleRecord | undefined, policy: ThrottlePolicy, now: number): number {
  if (!record || now - record.lastFailureAt >= policy.forgetAfterMs) return 0;
  const over = record.failures - policy.freeFailures;
  if (over < 0) return 0;
  const delay = Math.min(policy.baseDelayMs * 2 ** Math.min(over, 30), policy.maxDelayMs);
  return Math.max(0, record.lastFailureAt + delay - now);
}

/** The record after one more failure at `now` (a forgotten record starts over). */
export function afterFailure(record: ThrottleRecord | undefined, policy: ThrottlePolicy, now: number): ThrottleRecord {
  const fresh = !record || now - record.lastFailureAt >= policy.forgetAfterMs;
  return { failures: fresh ? 1 : record.failures + 1, lastFailureAt: now };
}

/** "3 seconds", "15 minutes": how a wait is said to the person waiting. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
