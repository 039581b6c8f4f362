// A token bucket per API key: `perSecond` sustained, twice that as a burst.
interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly perSecond: number) {}

  /** 0 when allowed, else the seconds to wait. */
  take(key: string, now = Date.now()): number {
    if (this.perSecond <= 0) return 0;
    const capacity = this.perSecond * 2;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}
