import { describe, expect, it } from 'vitest';
import { isSessionCurrent } from './session-version';

describe('isSessionCurrent', () => {
  it('accepts a token with the user’s current version', () => {
    expect(isSessionCurrent(0, 0)).toBe(true);
    expect(isSessionCurrent(3, 3)).toBe(true);
  });

  // The point of the version: after a bump, every older token is refused.
  it('refuses a token from before a bump', () => {
    expect(isSessionCurrent(2, 3)).toBe(false);
    expect(isSessionCurrent(0, 1)).toBe(false);
  });

  it('counts a token from before versions existed as version 0', () => {
    expect(isSessionCurrent(undefined, 0)).toBe(true);
    expect(isSessionCurrent(undefined, 1)).toBe(false);
  });

  it('refuses versions that are not whole numbers', () => {
    expect(isSessionCurrent('0', 0)).toBe(false);
    expect(isSessionCurrent(null, 0)).toBe(false);
    expect(isSessionCurrent(0.5, 0)).toBe(false);
  });
});
