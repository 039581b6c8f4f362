import { describe, expect, it } from 'vitest';
import { prettyLine } from './log-pretty';

describe('prettyLine', () => {
  it('prints a request line as time, level, message, the request fields, then the rest', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-12-01T14:03:07.412Z',
      pid: 1,
      hostname: 'h',
      requestId: 'r-1',
      method: 'GET',
      route: 'page',
      status: 200,
      ms: 12.3,
      msg: 'request',
    });
    expect(prettyLine(line, false)).toBe('14:03:07.412 INFO  request GET page 200 12.3ms requestId=r-1\n');
  });

  it('colours the level in a terminal', () => {
    expect(prettyLine(JSON.stringify({ level: 'error', time: '2026-12-01T14:03:07.412Z', msg: 'x' }))).toContain(
      '\u001b[31mERROR\u001b[0m',
    );
  });

  it('indents an error stack under its line', () => {
    const line = JSON.stringify({
      level: 'error',
      msg: 'unexpected error in read API',
      errorId: '7F3K2',
      err: { stack: 'Error: boom\n    at f (x.ts:1)' },
    });
    expect(prettyLine(line, false)).toBe('ERROR unexpected error in read API errorId=7F3K2\n  Error: boom\n      at f (x.ts:1)\n');
  });

  it('quotes values with spaces and passes through what is not a JSON object', () => {
    expect(prettyLine(JSON.stringify({ level: 'warn', msg: 'm', where: 'server action' }), false)).toBe('WARN  m where="server action"\n');
    expect(prettyLine('plain text', false)).toBe('plain text\n');
    expect(prettyLine('[1,2]\n', false)).toBe('[1,2]\n');
  });
});
