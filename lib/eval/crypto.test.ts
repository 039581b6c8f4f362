import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret, keyFromSecret } from './crypto';

const key = keyFromSecret('a long random secret');

describe('provider key encryption', () => {
  it('round-trips and never contains the plain text', () => {
    const sealed = encryptSecret('sk-test-123', key);
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('sk-test-123');
    expect(decryptSecret(sealed, key)).toBe('sk-test-123');
  });

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('derives a 32-byte key deterministically', () => {
    expect(keyFromSecret('x')).toHaveLength(32);
    expect(keyFromSecret('x').equals(keyFromSecret('x'))).toBe(true);
    expect(() => keyFromSecret('')).toThrow();
  });

  it('refuses the wrong key and tampered data', () => {
    const sealed = encryptSecret('sk-test-123', key);
    expect(() => decryptSecret(sealed, keyFromSecret('other'))).toThrow(DecryptionError);
    const parts = sealed.split(':');
    const data = Buffer.from(parts[3]!, 'base64');
    data[0] = data[0]! ^ 1;
    expect(() => decryptSecret([...parts.slice(0, 3), data.toString('base64')].join(':'), key)).toThrow(DecryptionError);
    expect(() => decryptSecret('garbage', key)).toThrow(/not in a known format/);
  });
});
