// Regression: 50 wrong passwords for one account all answered with no delay or lockout, and
// the right one then worked; sign-ups were not throttled at all.
import { beforeEach, describe, expect, it } from 'vitest';
import { setSingleton } from '@/lib/singleton';
import { assertMayAttempt, recordFailedSignIn, recordRefusedSignUp, recordSignIn } from './sign-in-throttle';

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
    for (let i = 0; i < 5; i++) recordRefusedSignUp('192.0.2.7', 0);
    expect(refused('new@x.test', '192.0.2.7', 0)?.code).toBe('rate_limited');
    expect(refused(null, '192.0.2.7', 0)?.code).toBe('rate_limited');
    expect(refused('new@x.test', '192.0.2.8', 0)).toBeNull();
  });

  it('starts an account over after the right password', () => {
    for (let i = 0; i < 5; i++) recordFailedSignIn('cy@x.test', '10.1.0.1', 0);
    recordSignIn('cy@x.test');
    expect(refused('cy@x.test', '10.1.0.2', 0)).toBeNull();
  });
});
