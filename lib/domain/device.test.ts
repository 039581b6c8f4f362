import { describe, expect, it } from 'vitest';
import { describeDevice, LAST_SEEN_RESOLUTION_MS, shouldTouch } from './device';

describe('describeDevice', () => {
  it('names the browser with its major version and the operating system', () => {
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.80 Safari/537.36';
    expect(describeDevice(chrome)).toBe('Chrome 140 on Linux');
    const firefox = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0';
    expect(describeDevice(firefox)).toBe('Firefox 140 on Mac OS');
  });

  it('falls back to the product token of a script, and never returns an empty label', () => {
    expect(describeDevice('curl/8.5.0')).toBe('curl 8');
    expect(describeDevice('')).toBe('Unknown device');
    expect(describeDevice('   ')).toBe('Unknown device');
    expect(describeDevice('???')).toBe('Unknown device');
  });
});

describe('shouldTouch', () => {
  it('writes the last-active time again only after the resolution has passed', () => {
    const seen = new Date('2026-12-02T10:00:00Z');
    expect(shouldTouch(seen, new Date(seen.getTime() + LAST_SEEN_RESOLUTION_MS - 1))).toBe(false);
    expect(shouldTouch(seen, new Date(seen.getTime() + LAST_SEEN_RESOLUTION_MS))).toBe(true);
  });
});
