// Regression: 50 wrong passwords for one account all answered with no delay or lockout, and
// the right one then worked; sign-ups were not throttled at all.
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { setSingleton } from '@/lib/singleton';
import { assertMayAttempt, recordFailedByAddress, recordFailedSignIn, recordSignIn, throttledTokenUse } from './sign-in-throttle';

const refused = (email: string | null, address: string, now: number) => {
  try {
    assertMayAttempt(email, address, now);
    return null;
  } catch (e) {
    return e as { code: string; message: string; headers: Record<string, string> };
  }
};

describe('sign-in throttle store', () => {
  beforeEach(() => setSingleton('SignInThrottle', undefined));

  it('locks an account after repeated failures, from any address, with a message that does not say whether it exists', () => {
    for (let i = 0; i < 5; i++) recordFailedSignIn('ada@x.test', `10.0.0.${i}`, 0);
    const error = refused('ADA@x.test', '10.9.9.9', 0);
    expect(error).toMatchObject({ code: 'rate_limited', message: 'Too many failed attempts. Wait 30 seconds and try again.' });
    expect(error?.headers['retry-after']).toBe('30');
    expect(refused('ada@x.test', '10.9.9.9', 30_000)).toBeNull();
    expect(refused('bob@x.test', '10.0.0.1', 0)).toBeNull();
  });

  it('locks an address that fails across many accounts, and counts refused sign-ups there', () => {
    for (let i = 0; i < 15; i++) recordFailedSignIn(`user${i}@x.test`, '192.0.2.7', 0);
    for (let i = 0; i < 5; i++) recordFailedByAddress('192.0.2.7', 0);
    expect(refused('new@x.test', '192.0.2.7', 0)?.code).toBe('rate_limited');
    expect(refused(null, '192.0.2.7', 0)?.code).toBe('rate_limited');
    expect(refused('new@x.test', '192.0.2.8', 0)).toBeNull();
  });

  it('starts an account over after the right password', () => {
    for (let i = 0; i < 5; i++) recordFailedSignIn('cy@x.test', '10.1.0.1', 0);
    recordSignIn('cy@x.test');
    expect(refused('cy@x.test', '10.1.0.2', 0)).toBeNull();
  });

  // Invitation and reset links are bearer secrets in a URL: an address that keeps trying
  // tokens that were never issued is guessing, and waits like a failed sign-in.
  it('counts unknown link tokens against the address, and refuses the lookup once locked', async () => {
    let lookups = 0;
    const unknown = () => throttledTokenUse('203.0.113.5', async () => (lookups++, null));
    for (let i = 0; i < 20; i++) expect(await unknown()).toBeNull();
    await expect(unknown()).rejects.toMatchObject({ code: 'rate_limited' });
    expect(lookups).toBe(20);
    expect(await throttledTokenUse('203.0.113.6', async () => 'found')).toBe('found');
  });

  it('counts a use that finds no token (not_found) the same way, and passes the error on', async () => {
    const missing = () =>
      throttledTokenUse('203.0.113.7', async () => {
        throw new AppError('not_found', 'This invitation link is not valid');
      });
    for (let i = 0; i < 20; i++) await expect(missing()).rejects.toMatchObject({ code: 'not_found' });
    await expect(missing()).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('does not count a token that was found', async () => {
    for (let i = 0; i < 30; i++) expect(await throttledTokenUse('203.0.113.9', async () => ({ id: i }))).toEqual({ id: i });
    expect(refused(null, '203.0.113.9', Date.now())).toBeNull();
  });
});
