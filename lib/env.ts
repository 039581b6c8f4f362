// The only module that reads process.env. Everything is validated once with zod.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).default(fallback);

const httpUrl = (what: string) =>
  optional.refine((v) => !v || /^https?:\/\/[^\s/]+/.test(v), { message: `must be an absolute http:// or https:// URL (${what})` });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'must be development, production or test' }).default('development'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be between 1 and 65535' })
    .max(65535, { error: 'must be between 1 and 65535' })
    .default(3000),
  HOSTNAME: optional,
  DATABASE_URL: optional.refine((v) => !v || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// URL',
  }),
  GALLEY_DATA_DIR: z.string().trim().min(1, { error: 'must name a directory (or memory:// in tests)' }).default('.data'),
  // A dump of a migrated PGlite data directory that memory:// databases start from instead of
  // running initdb (the integration tests make one per run: tests/integration/global-setup.ts).
  GALLEY_PGLITE_TEMPLATE: optional,
  GALLEY_SEED: flag('true'),
  // The demo admin's password; without it the public default is used, and only on localhost.
  GALLEY_DEMO_PASSWORD: z.string().min(8, { error: 'must be at least 8 characters' }).optional(),
  // Read API: sustained requests per second per API key (0 turns the limit off).
  GALLEY_API_RATE_LIMIT: z.coerce
    .number({ error: 'must be a number of requests per second' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 (no limit) or more' })
    .default(1000),
  // Behind a reverse proxy: take the client address from X-Forwarded-For (sign-in throttling).
  GALLEY_TRUST_PROXY: flag('false'),
  // Encrypts model-provider API keys at rest (AES-256-GCM); defaults to the auth secret.
  GALLEY_ENCRYPTION_KEY: optional,
  // Structured logs (pino): the least severe level written; silent writes nothing.
  GALLEY_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  // Bearer token for /metrics; unset, /metrics answers 404.
  GALLEY_METRICS_TOKEN: optional.refine((v) => !v || /^[\x21-\x7e]{16,}$/.test(v), {
    message: 'must be at least 16 characters, without spaces',
  }),
  // Scheduled backups written by the running server (lib/backup-schedule.ts); unset, none.
  GALLEY_BACKUP_DIR: optional,
  GALLEY_BACKUP_INTERVAL_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .min(0.01, { error: 'must be a number of hours above 0 (e.g. 24, or 0.5)' })
    .default(24),
  GALLEY_BACKUP_KEEP: z.coerce
    .number({ error: 'must be a number of backups' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1 or more' })
    .default(7),
  // How often the server looks for scheduled releases that are due (lib/release-schedule.ts).
  GALLEY_SCHEDULER_POLL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a whole number' })
    .min(100, { error: 'must be 100 or more' })
    .default(15_000),
  // Webhooks: deliver to loopback/private addresses too (tests, a receiver on the same host).
  GALLEY_WEBHOOK_ALLOW_PRIVATE: flag('false'),
  // Webhooks: the first retry's delay; later ones grow ×4 up to 8 h (lib/domain/webhooks/retry.ts).
  GALLEY_WEBHOOK_RETRY_BASE_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1 or more' })
    .default(30_000),
  // Webhooks: how long one request may take before it counts as failed.
  GALLEY_WEBHOOK_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int({ error: 'must be a whole number' })
    .min(100, { error: 'must be 100 or more' })
    .default(10_000),
  // Webhooks: finished deliveries (and their attempts) and spent events older than this are pruned.
  GALLEY_WEBHOOK_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be 1 or more' })
    .default(30),
  // Webhooks: off, this process sends nothing (another instance does).
  GALLEY_WEBHOOK_DISPATCH: flag('true'),
  NEXTAUTH_URL: httpUrl('the origin users open, e.g. https://galley.example.com'),
  NEXTAUTH_SECRET: optional,
  GITHUB_ID: optional,
  GITHUB_SECRET: optional,
  OIDC_ISSUER: httpUrl("the provider's issuer"),
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  OIDC_NAME: z.string().default('SSO'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses a set of variables; an invalid one is an error whose message names it. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

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
