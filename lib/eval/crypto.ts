// Provider API keys at rest: AES-256-GCM, so a copied database (or a backup) does not leak
// them, and any tampering with the ciphertext is detected on decryption.
import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 32-byte key from a secret of any length (GALLEY_ENCRYPTION_KEY, or NEXTAUTH_SECRET as a fallback). */
export function keyFromSecret(secret: string): Buffer {
  if (!secret) throw new Error('An encryption secret is required');
  return createHash('sha256').update(secret, 'utf8').digest();
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes (use keyFromSecret)');
}

/** `v1:<iv>:<tag>:<data>`, each part base64; a fresh random IV every time. */
export function encryptSecret(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export class DecryptionError extends Error {
  constructor(message = 'The secret cannot be decrypted with the current encryption key') {
    super(message);
    this.name = 'DecryptionError';
  }
}

export function decryptSecret(sealed: string, key: Buffer): string {
  assertKey(key);
  const [version, iv, tag, data, ...rest] = sealed.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined || rest.length) {
    throw new DecryptionError('The stored secret is not in a known format');
  }
  const ivBytes = Buffer.from(iv, 'base64');
  const tagBytes = Buffer.from(tag, 'base64');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError('The stored secret is not in a known format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError();
  }
}
