import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { metrics } from '../metrics';
import { setSingleton } from '../singleton';
import { beginRequest, echoRequestId, endRequest } from './observe';

function captureLog(level: string) {
  const lines: Record<string, unknown>[] = [];
  setSingleton('Logger', createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) }));
  return lines;
}

function begin(method: string, url: string, headers: Record<string, string> = {}) {
  const set: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (set[name] = value) } as unknown as ServerResponse;
  const served = beginRequest({ method, url, headers } as unknown as IncomingMessage);
  echoRequestId(res, served);
  return { served, set };
}

async function count(route: string, status: string): Promise<number> {
  const { values } = await metrics().http.get();
  return values.find((v) => v.metricName?.endsWith('_count') && v.labels.route === route && v.labels.status === status)?.value ?? 0;
}

describe('observing a response', () => {
  afterEach(() => setSingleton('Logger', undefined));

  it('labels the request, echoes its id and writes one line with no URL in it', async () => {
    const lines = captureLog('info');
    const { served, set } = begin('GET', '/reset/one-time-token-abc', { 'x-request-id': 'proxy-id-1' });
    expect(served).toMatchObject({ requestId: 'proxy-id-1', method: 'GET', route: 'page' });
    expect(set['x-request-id']).toBe('proxy-id-1');
    const before = await count('page', '200');
    endRequest(served, 200);
    expect(await count('page', '200')).toBe(before + 1);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', requestId: 'proxy-id-1', method: 'GET', route: 'page', status: 200 }),
    ]);
    expect(typeof lines[0]!.ms).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('one-time-token');
  });

  it('names the error the request logged', () => {
    const lines = captureLog('info');
    const { served } = begin('POST', '/w/acme', { 'next-action': 'abc' });
    served.errorId = '7F3K2';
    endRequest(served, 200);
    expect(lines[0]).toMatchObject({ route: 'action', errorId: '7F3K2' });
  });

  it('writes warm read-API successes and refusals at debug only, and their other errors at info', async () => {
    let lines = captureLog('info');
    const before = await count('api_v1', '304');
    for (const status of [200, 304, 401, 429]) endRequest(begin('GET', '/api/v1/prompts/x').served, status, true);
    // A warm 429 is summarized per key by lib/api/refusals.ts instead.
    expect(lines.map((l) => l.status)).toEqual([401]);
    expect(await count('api_v1', '304')).toBe(before + 1); // counted all the same
    lines = captureLog('debug');
    endRequest(begin('GET', '/api/v1/prompts/x').served, 200, true);
    expect(lines).toEqual([expect.objectContaining({ level: 'debug', route: 'api_v1', status: 200 })]);
  });
});
