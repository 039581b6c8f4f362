import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst of twice the rate, then asks the caller to wait', () => {
    const limiter = new RateLimiter(5);
    const t = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limiter.take('k', t)).toBe(0);
    expect(limiter.take('k', t)).toBeGreaterThanOrEqual(1);
  });

  it('refills over time and keeps keys apart', () => {
    const limiter = new RateLimiter(2);
    const t = 5_000_000;
    for (let i = 0; i < 4; i++) limiter.take('a', t);
    expect(limiter.take('a', t)).toBeGreaterThan(0);
    expect(limiter.take('b', t)).toBe(0);
    expect(limiter.take('a', t + 1000)).toBe(0); // one second buys two more tokens
  });

  it('a limit of 0 turns limiting off', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 10_000; i++) expect(limiter.take('k')).toBe(0);
  });
});
