// What the account page says about a signed-in device: "Firefox 140 on Ubuntu", from the
// User-Agent header recorded at sign-in. Pure; ua-parser-js does the recognising.
import { UAParser } from 'ua-parser-js';

/** How long a session's "last active" time may lag: it is written at most this often. */
export const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

/** How long a session token lives after its last refresh (next-auth's `maxAge`). */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

/**
 * Device-session rows older than this can go: ended ones are kept this long for the record,
 * and a live one not seen for longer belongs to a token that has expired (its last-seen time
 * lags by at most LAST_SEEN_RESOLUTION_MS; a day of margin covers that and clock skew).
 */
export const DEVICE_SESSION_RETENTION_MS = SESSION_MAX_AGE_S * 1000 + 24 * 3_600_000;

function named(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  const major = version?.split('.')[0];
  return major ? `${name} ${major}` : name;
}

/** A short human label for a User-Agent string; never empty. */
export function describeDevice(userAgent: string): string {
  if (!userAgent.trim()) return 'Unknown device';
  const ua = new UAParser(userAgent).getResult();
  const browser = named(ua.browser.name, ua.browser.version);
  const os = named(ua.os.name, undefined);
  if (browser && os) return `${browser} on ${os}`;
  if (browser || os) return (browser ?? os)!;
  // Scripts and CLIs: the product token ("curl/8.5.0" → "curl 8").
  const product = /^([A-Za-z][\w.-]{0,40})\/(\d+)/.exec(userAgent.trim());
  return product ? `${product[1]} ${product[2]}` : 'Unknown device';
}

/** Whether a session's last-active time is old enough to be written again. */
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}
