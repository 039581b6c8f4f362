// API keys: `glk_<env tag>_<40 base62 chars>`. Pure and browser-safe; hashing lives in
// secret-hash.ts so this file never pulls in node:crypto.
import { randomBase62 } from './random-base62';

export type ApiKeyEnvironment = 'development' | 'staging' | 'production';

export const API_KEY_ENVIRONMENTS = ['development', 'staging', 'production'] as const satisfies readonly ApiKeyEnvironment[];

export const ENV_KEY_TAG = { development: 'dev', staging: 'stg', production: 'prod' } as const satisfies Record<ApiKeyEnvironment, string>;

const TAG_ENV = Object.fromEntries(Object.entries(ENV_KEY_TAG).map(([env, tag]) => [tag, env])) as Record<string, ApiKeyEnvironment>;

/** 40 base62 characters carry about 238 bits of entropy. */
export const API_KEY_SECRET_LENGTH = 40;
/** Random characters kept in the display prefix: enough to tell keys apart, useless for guessing. */
const PREFIX_SECRET_CHARS = 4;
const KEY_RE = /^glk_(dev|stg|prod)_([0-9A-Za-z]{40})$/;

/** A new full key for `env`. `randomBytes` must be a cryptographic source (node:crypto or Web Crypto). */
export function generateApiKey(env: ApiKeyEnvironment, randomBytes: (n: number) => Uint8Array): string {
  return `glk_${ENV_KEY_TAG[env]}_${randomBase62(API_KEY_SECRET_LENGTH, randomBytes)}`;
}

/** The environment a well-formed key names, or null. Format only: says nothing about whether the key exists. */
export function parseApiKey(s: string): { env: ApiKeyEnvironment } | null {
  const match = KEY_RE.exec(s);
  if (!match) return null;
  return { env: TAG_ENV[match[1]!]! };
}

/** What the UI shows for a key, e.g. `glk_prod_ab12`: the tag plus the first few secret characters. */
export function apiKeyPrefix(key: string): string {
  const match = /^(glk_[a-z]+_)(.*)$/.exec(key);
  if (!match) return key.slice(0, 12);
  return match[1]! + match[2]!.slice(0, PREFIX_SECRET_CHARS);
}
