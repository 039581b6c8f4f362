import { createHash } from 'node:crypto';

// Kept apart from the key and token formats so browser bundles can use those without node:crypto.

/**
 * Lowercase hex sha256 of a secret (an API key, an invitation or password-reset token): the
 * only form of it the database stores. The secrets are long random strings, so a fast hash
 * is enough; there is nothing to brute-force.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
