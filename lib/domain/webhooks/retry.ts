// When a failed delivery is tried again. Delays grow ×4 from the base (30 s in production),
// capped at 8 h, each with ±20 % jitter so a receiver coming back is not hit by every retry at
// once: 30 s, 2 m, 8 m, 32 m, ~2 h, 8 h, 8 h, 8 h, i.e. 9 attempts over about 27 h.

export const MAX_ATTEMPTS = 9;
export const RETRY_FACTOR = 4;
export const RETRY_CAP_MS = 8 * 60 * 60_000;
export const JITTER = 0.2;
/** Failed attempts in a row (across deliveries) after which an endpoint is disabled. */
export const DISABLE_AFTER_FAILURES = 20;

/** The delay before attempt `attempt + 1`, after `attempt` (1-based) failed; null when it was the last. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  const plain = Math.min(baseMs * RETRY_FACTOR ** (attempt - 1), RETRY_CAP_MS);
  return Math.round(plain * (1 - JITTER + 2 * JITTER * random()));
}

/** The schedule without jitter, for the docs and the settings page. */
export function retrySchedule(baseMs: number): number[] {
  return Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => Math.min(baseMs * RETRY_FACTOR ** i, RETRY_CAP_MS));
}
