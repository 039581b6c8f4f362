import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashSecret } from './secret-hash';
import { API_KEY_ENVIRONMENTS, apiKeyPrefix, ENV_KEY_TAG, generateApiKey, parseApiKey } from './api-key';

const nodeRandom = (n: number) => new Uint8Array(randomBytes(n));

describe('generateApiKey', () => {
  it.each(API_KEY_ENVIRONMENTS)('%s keys carry their tag and 40 base62 characters', (env) => {
    const key = generateApiKey(env, nodeRandom);
    expect(key).toMatch(new RegExp(`^glk_${ENV_KEY_TAG[env]}_[0-9A-Za-z]{40}$`));
    expect(parseApiKey(key)).toEqual({ env });
  });

  it('gives distinct keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey('production', nodeRandom)));
    expect(keys.size).toBe(200);
  });

  it('drops bytes that would bias the alphabet, asking for more when needed', () => {
    // First call: only unusable bytes (248..255) and one usable one; then all zeros.
    let calls = 0;
    const source = (n: number) => {
      calls += 1;
      return calls === 1 ? new Uint8Array(n).fill(250).fill(61, 0, 1) : new Uint8Array(n);
    };
    const key = generateApiKey('development', source);
    expect(key).toBe(`glk_dev_z${'0'.repeat(39)}`);
    expect(calls).toBe(2);
  });

  it('maps bytes modulo 62 below the limit', () => {
    const key = generateApiKey('staging', (n) => Uint8Array.from({ length: n }, (_, i) => (i * 62 + 10) % 248));
    expect(key).toBe(`glk_stg_${'A'.repeat(40)}`);
  });
});

describe('parseApiKey', () => {
  it.each([
    '',
    'glk_prod_',
    `glk_live_${'a'.repeat(40)}`,
    `glk_prod_${'a'.repeat(39)}`,
    `glk_prod_${'a'.repeat(41)}`,
    `glk_prod_${'a'.repeat(39)}-`,
    ` glk_prod_${'a'.repeat(40)}`,
    `GLK_PROD_${'a'.repeat(40)}`,
    `glk_prod_${'a'.repeat(40)}\n`,
  ])('rejects %j', (s) => {
    expect(parseApiKey(s)).toBeNull();
  });

  it('reads the environment from the tag', () => {
    expect(parseApiKey(`glk_dev_${'a'.repeat(40)}`)).toEqual({ env: 'development' });
    expect(parseApiKey(`glk_stg_${'B'.repeat(40)}`)).toEqual({ env: 'staging' });
    expect(parseApiKey(`glk_prod_${'9'.repeat(40)}`)).toEqual({ env: 'production' });
  });
});

describe('apiKeyPrefix', () => {
  it('keeps the tag and four secret characters', () => {
    expect(apiKeyPrefix(`glk_prod_ab12${'x'.repeat(36)}`)).toBe('glk_prod_ab12');
    expect(apiKeyPrefix(`glk_dev_Zz90${'x'.repeat(36)}`)).toBe('glk_dev_Zz90');
  });

  it('never reveals more than four secret characters', () => {
    const key = generateApiKey('staging', nodeRandom);
    const prefix = apiKeyPrefix(key);
    expect(key.startsWith(prefix)).toBe(true);
    expect(prefix).toHaveLength('glk_stg_'.length + 4);
  });
});

describe('hashSecret', () => {
  it('is the lowercase hex sha256 of the full key', () => {
    const key = `glk_prod_${'a'.repeat(40)}`;
    expect(hashSecret(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashSecret(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSecret(key)).not.toBe(hashSecret(`glk_prod_${'a'.repeat(39)}b`));
  });
});
