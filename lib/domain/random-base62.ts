// Random base62 strings for secrets (API keys, invitation and password-reset tokens). Pure and
// browser-safe: the caller passes the random source.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 248 = 4 × 62: bytes at or above it are dropped so every character is equally likely.
const UNBIASED_LIMIT = 248;

/** `length` base62 characters (about 5.95 bits each). `randomBytes` must be a cryptographic source (node:crypto or Web Crypto). */
export function randomBase62(length: number, randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
