import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules';

describe('passwordProblem', () => {
  const email = 'ada.lovelace@example.test';

  it('accepts a long password that is neither the email nor common', () => {
    expect(passwordProblem('correct horse battery', email)).toBeNull();
    expect(passwordProblem('x'.repeat(200), email)).toBeNull();
  });

  it('needs 10 to 200 characters', () => {
    expect(passwordProblem('123456789', email)).toBe('Password must be at least 10 characters');
    expect(passwordProblem('x'.repeat(201), email)).toBe('Password must be at most 200 characters');
  });

  it('refuses the email address, or its part before the @, in any case', () => {
    expect(passwordProblem(email, email)).toBe('Password must not be your email address');
    expect(passwordProblem('ADA.LOVELACE@example.test', email)).toBe('Password must not be your email address');
    expect(passwordProblem('Ada.Lovelace', email)).toBe('Password must not be your email address');
  });

  it('refuses the passwords tried first, in any case', () => {
    for (const common of ['1234567890', 'Password123', 'QWERTYUIOP', 'galley-demo']) {
      expect(passwordProblem(common, email), common).toBe('This password is too common; choose another');
    }
  });
});
