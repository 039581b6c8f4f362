// The only module that reads process.env. Everything is validated once with zod.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: optional,
  DATABASE_URL: optional.refine((v) => !v || /^postgres(ql)?:\/\//.test(v), {
    message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
  }),
  GALLEY_DATA_DIR: z.string().default('.data'),
  GALLEY_SEED: z.enum(['true', 'false']).default('true'),
  // The demo admin's password; without it the public default is used, and only on localhost.
  GALLEY_DEMO_PASSWORD: z.string().min(8, 'GALLEY_DEMO_PASSWORD must be at least 8 characters').optional(),
  // Read API: sustained requests per second per API key (0 turns the limit off).
  GALLEY_API_RATE_LIMIT: z.coerce.number().int().min(0).default(1000),
  // Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in throttling).
  GALLEY_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  // Encrypts model-provider API keys at rest (AES-256-GCM); defaults to the auth secret.
  GALLEY_ENCRYPTION_KEY: optional,
  NEXTAUTH_URL: optional,
  NEXTAUTH_SECRET: optional,
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
  OIDC_ISSUER: optional,
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().default('SSO'),
});

export type Env = z.infer<typeof envSchema>;

function load(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = load();

/** `memory://` keeps PGlite in memory (tests); anything else is a directory. */
export function dataDir(): string {
  return env.GALLEY_DATA_DIR.startsWith('memory://') ? env.GALLEY_DATA_DIR : path.resolve(env.GALLEY_DATA_DIR);
}

export const features = {
  github: Boolean(env.GITHUB_ID && env.GITHUB_SECRET),
  oidc: Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET),
};

/**
 * next-auth v4 reads NEXTAUTH_URL and NEXTAUTH_SECRET from process.env itself, so the
 * launcher fills safe local defaults in before Next starts: the URL of this server, and a
 * random secret kept beside the data so sessions survive restarts.
 */
export function applyAuthDefaults(origin: string): void {
  if (!env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = origin;
  if (!env.NEXTAUTH_SECRET) process.env.NEXTAUTH_SECRET = persistedSecret();
  env.NEXTAUTH_URL = process.env.NEXTAUTH_URL;
  env.NEXTAUTH_SECRET = process.env.NEXTAUTH_SECRET;
}

function persistedSecret(): string {
  const dir = dataDir().startsWith('memory://') ? path.resolve('.data') : dataDir();
  const file = path.join(dir, 'auth-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** The key that encrypts provider API keys at rest: GALLEY_ENCRYPTION_KEY, else the auth secret. */
export function encryptionSecret(): string {
  const secret = env.GALLEY_ENCRYPTION_KEY ?? env.NEXTAUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('Set GALLEY_ENCRYPTION_KEY (or NEXTAUTH_SECRET) to store model provider keys');
  return secret;
}
