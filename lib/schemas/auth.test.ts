import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/action';
import { signUpSchema } from './auth';

const errorsOf = (input: unknown) => {
  const parsed = signUpSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe('signUpSchema', () => {
  it('accepts a good sign-up', () => {
    expect(signUpSchema.parse({ name: ' Ada ', email: ' Ada@X.test ', password: 'correct horse battery' })).toEqual({
      name: 'Ada',
      email: 'ada@x.test',
      password: 'correct horse battery',
    });
  });

  it('puts the password rules under the password field', () => {
    expect(errorsOf({ name: 'Ada', email: 'ada.lovelace@x.test', password: 'ADA.LOVELACE@x.test' })).toEqual({
      password: ['Password must not be your email address'],
    });
    expect(errorsOf({ name: 'Ada', email: 'ada@x.test', password: 'password123' })).toEqual({
      password: ['This password is too common; choose another'],
    });
  });

  it('says a short password is short, once, beside the other fields’ errors', () => {
    expect(errorsOf({ name: ' ', email: 'nope', password: 'short' })).toEqual({
      name: ['Enter your name'],
      email: ['Enter a valid email address'],
      password: ['Password must be at least 10 characters'],
    });
  });
});
