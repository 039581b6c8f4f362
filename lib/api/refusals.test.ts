// The warm path's 429s are summarized: one line per key per interval, counting every refusal.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log';
import { setSingleton } from '../singleton';
import { flushRefusals, noteRefusal, REFUSAL_SUMMARY_MS } from './refusals';

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  setSingleton('Logger', createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }));
  return lines;
}

describe('rate-limit refusal summary', () => {
  afterEach(() => {
    vi.useRealTimers();
    setSingleton('Logger', undefined);
    setSingleton('RateLimitRefusals', undefined);
  });

  it('writes one line per key when the interval ends, with the count, and nothing before', () => {
    vi.useFakeTimers();
    const lines = captureLog();
    for (let i = 0; i < 500; i++) noteRefusal('key-a');
    noteRefusal('key-b');
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(REFUSAL_SUMMARY_MS);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'rate limited', keyId: 'key-a', refused: 500 }),
      expect.objectContaining({ level: 'info', msg: 'rate limited', keyId: 'key-b', refused: 1 }),
    ]);
    // The next interval starts from zero, and a quiet one writes nothing.
    noteRefusal('key-a');
    vi.advanceTimersByTime(REFUSAL_SUMMARY_MS);
    vi.advanceTimersByTime(REFUSAL_SUMMARY_MS);
    expect(lines.slice(2)).toEqual([expect.objectContaining({ keyId: 'key-a', refused: 1 })]);
  });

  it('flushes on demand (shutdown)', () => {
    const lines = captureLog();
    noteRefusal('key-c');
    flushRefusals();
    expect(lines).toEqual([expect.objectContaining({ keyId: 'key-c', refused: 1 })]);
  });
});
