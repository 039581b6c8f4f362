// Throttles sign-in per account and per client address, and counts refused sign-ups and
// unknown link tokens (invitations, password resets) against the address too: they are how an
// attacker would probe which emails have accounts, or guess a link. The
// records live in this process (a restart forgets them; several instances each keep their
// own), which bounds a guessing attack without a table written on every attempt.
import { logger } from './log';
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  afterFailure,
  describeWait,
  waitMs,
  type ThrottlePolicy,
  type ThrottleRecord,
} from '@/lib/domain/throttle';
import { AppError, isAppError } from '@/lib/errors';
import { singleton } from '@/lib/singleton';

const MAX_RECORDS = 100_000;
const records = () => singleton('SignInThrottle', () => new Map<string, ThrottleRecord>());

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

function fail(key: string, policy: ThrottlePolicy, now: number): ThrottleRecord {
  const map = records();
  if (map.size >= MAX_RECORDS) map.clear();
  const next = afterFailure(map.get(key), policy, now);
  map.set(key, next);
  return next;
}

/** One structured line per lockout, for whoever watches the logs (no password, no secret). */
function logLockout(scope: 'account' | 'address', subject: string, failures: number): void {
  logger().warn({ event: 'auth.throttled', scope, subject, failures }, 'sign-in throttled');
}

/**
 * Refuses an attempt that must wait. The message is the same whether or not the account
 * exists, so a lockout does not reveal one.
 */
export function assertMayAttempt(email: string | null, address: string, now = Date.now()): void {
  const map = records();
  const wait = Math.max(
    email ? waitMs(map.get(accountKey(email)), ACCOUNT_POLICY, now) : 0,
    waitMs(map.get(addressKey(address)), ADDRESS_POLICY, now),
  );
  if (wait > 0) {
    throw new AppError('rate_limited', `Too many failed attempts. Wait ${describeWait(wait)} and try again.`, {
      headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
    });
  }
}

/** A wrong password (or unknown email): counts against the account and the address. */
export function recordFailedSignIn(email: string, address: string, now = Date.now()): void {
  const account = fail(accountKey(email), ACCOUNT_POLICY, now);
  const byAddress = fail(addressKey(address), ADDRESS_POLICY, now);
  if (account.failures === ACCOUNT_POLICY.freeFailures) logLockout('account', email, account.failures);
  if (byAddress.failures === ADDRESS_POLICY.freeFailures) logLockout('address', address, byAddress.failures);
}

/** A refused sign-up (the email is taken), or a link token that was never issued: counts against the address only. */
export function recordFailedByAddress(address: string, now = Date.now()): void {
  const byAddress = fail(addressKey(address), ADDRESS_POLICY, now);
  if (byAddress.failures === ADDRESS_POLICY.freeFailures) logLockout('address', address, byAddress.failures);
}

/**
 * Uses (or looks up) a link token under the address's throttle: an address that has guessed
 * too often waits, and a token that matched nothing (the use returned null or threw not_found)
 * counts as one more guess.
 */
export async function throttledTokenUse<T>(address: string, attempt: () => Promise<T>): Promise<T> {
  assertMayAttempt(null, address);
  try {
    const result = await attempt();
    if (result === null) recordFailedByAddress(address);
    return result;
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') recordFailedByAddress(address);
    throw e;
  }
}

/** The right password: the account's count starts over (the address keeps its record). */
export function recordSignIn(email: string): void {
  records().delete(accountKey(email));
}
