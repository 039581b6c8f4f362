// The warm path's 429s are not logged one line each: a client over its limit sends thousands a
// second, and a log line per refusal made refusing cost more than serving (`npm run bench:api`).
// Each refusal is counted here by API key, and one info line per key says how many were refused
// in the interval that just ended. Refusals answered by the full path are logged as requests.
import { logger } from '@/lib/log';
import { singleton } from '@/lib/singleton';

export const REFUSAL_SUMMARY_MS = 1000;

interface Tally {
  counts: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
}

const tally = () => singleton<Tally>('RateLimitRefusals', () => ({ counts: new Map(), timer: null }));

/** Counts one warm refusal for the key (its id, never the key itself). */
export function noteRefusal(keyId: string): void {
  const t = tally();
  t.counts.set(keyId, (t.counts.get(keyId) ?? 0) + 1);
  if (t.timer) return;
  t.timer = setTimeout(flushRefusals, REFUSAL_SUMMARY_MS);
  t.timer.unref?.();
}

/** Writes the summary lines now (the timer's job; the shutdown and tests call it too). */
export function flushRefusals(): void {
  const t = tally();
  if (t.timer) clearTimeout(t.timer);
  t.timer = null;
  if (t.counts.size === 0) return;
  const log = logger();
  for (const [keyId, refused] of t.counts) log.info({ keyId, refused, seconds: REFUSAL_SUMMARY_MS / 1000 }, 'rate limited');
  t.counts.clear();
}
