// What a new password must be (sign-up, change, reset): long enough, not the account's email,
// not one of the passwords tried first in every guessing attack. Deliberately short rules
// (NIST SP 800-63B's: length and a block list, no composition rules).

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// Lower case, 10 characters or more (shorter ones fail the length rule anyway).
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'asdfghjkl;',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou12',
  'letmein123',
  'welcome123',
  'changeme123',
  'administrator',
  'qwerty12345',
  'abcdefghij',
  'aaaaaaaaaa',
  'galley-demo',
  'galleygalley',
]);

/** The reason `password` is refused for the account `email`, or null when it is fine. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (address && (lower === address || lower === address.split('@')[0])) return 'Password must not be your email address';
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common; choose another';
  return null;
}
