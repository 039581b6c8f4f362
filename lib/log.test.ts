import { afterEach, describe, expect, it } from 'vitest';
import { logUnexpected } from './errors';
import { createLogger, requestScope, serializeError, type RequestScope } from './log';
import { setSingleton } from './singleton';

function capture(level = 'info') {
  const lines: string[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { log, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the logger', () => {
  it('writes one JSON line with a level name and an ISO time', () => {
    const { log, entries } = capture();
    log.info({ route: 'page', status: 200 }, 'request');
    expect(entries()).toEqual([expect.objectContaining({ level: 'info', msg: 'request', route: 'page', status: 200 })]);
    expect(String(entries()[0]!.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps below its level quiet', () => {
    const { log, entries } = capture('warn');
    log.info('not written');
    log.warn('written');
    expect(entries().map((e) => e.msg)).toEqual(['written']);
  });

  it('never writes credentials, API keys, passwords or prompt bodies', () => {
    const { log, entries } = capture();
    const secret = 'glk_prod_abcdefghijklmnopqrstuvwxyz';
    log.info({
      headers: { authorization: `Bearer ${secret}`, cookie: 'next-auth.session-token=s3cret', 'x-galley-key': secret, accept: '*/*' },
      req: { headers: { authorization: `Basic ${secret}` } },
      input: { email: 'ada@example.com', password: 'correct horse', content: { blocks: [{ body: 'You are a pirate' }] } },
      apiKey: secret,
      token: 'invitation-token',
    });
    const line = JSON.stringify(entries()[0]);
    for (const leaked of [secret, 's3cret', 'correct horse', 'You are a pirate', 'invitation-token']) expect(line).not.toContain(leaked);
    expect(entries()[0]).toMatchObject({ headers: { accept: '*/*', authorization: '[redacted]' }, input: { email: 'ada@example.com' } });
  });

  it('serializes an error to its type, message, stack and code only', () => {
    const e = Object.assign(new Error('unique constraint', { cause: new Error('deeper') }), {
      code: 'P2002',
      meta: { args: { content: 'a prompt body' } },
    });
    const out = serializeError(e);
    expect(out).toMatchObject({ type: 'Error', message: 'unique constraint', code: 'P2002', cause: { type: 'Error', message: 'deeper' } });
    expect(JSON.stringify(out)).not.toContain('a prompt body');
    expect(serializeError('plain')).toEqual({ type: 'string', message: 'plain' });
  });
});

describe('logUnexpected', () => {
  afterEach(() => setSingleton('Logger', undefined));

  it('logs through the logger with its error id, and ties it to the request being served', () => {
    const { log, entries } = capture();
    setSingleton('Logger', log);
    const scope: RequestScope = { requestId: 'req-42' };
    const errorId = requestScope().run(scope, () => logUnexpected('server action', new Error('connection reset')));
    expect(errorId).toMatch(/^[0-9A-Z]{5}$/);
    expect(scope.errorId).toBe(errorId);
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'unexpected error in server action',
        errorId,
        requestId: 'req-42',
        where: 'server action',
        err: expect.objectContaining({ type: 'Error', message: 'connection reset' }),
      }),
    ]);
  });

  it('keeps a given id (a render error logs Next’s digest) and needs no request', () => {
    const { log, entries } = capture();
    setSingleton('Logger', log);
    expect(logUnexpected('page GET /w/[workspace]', new Error('x'), 'DIGEST1')).toBe('DIGEST1');
    expect(entries()[0]).toMatchObject({ errorId: 'DIGEST1' });
    expect(entries()[0]).not.toHaveProperty('requestId');
  });
});
