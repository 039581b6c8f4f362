// Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-signature` is
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the base64 part of a
// `whsec_` secret. During a rotation both the new and the previous secret sign, space-separated,
// so receivers that still hold the old one keep verifying.
import { createHmac } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';

/** A new secret: `whsec_` and 24 random bytes in base64 (the spec's recommended 24–64 bytes). */
export function newWebhookSecret(randomBytes: (n: number) => Uint8Array): string {
  return SECRET_PREFIX + Buffer.from(randomBytes(24)).toString('base64');
}

export function isWebhookSecret(s: string): boolean {
  return s.startsWith(SECRET_PREFIX) && Buffer.from(s.slice(SECRET_PREFIX.length), 'base64').length >= 24;
}

export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers of one request; `secrets` is the current one first, then any still valid. */
export function signedHeaders(secrets: string[], id: string, timestampSeconds: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': secrets.map((s) => signature(s, id, timestampSeconds, body)).join(' '),
  };
}

/** The secrets that sign now: the current one, and the previous one until its grace period ends. */
export function signingSecrets(e: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null }, now: Date) {
  return e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? [e.secret, e.previousSecret] : [e.secret];
}

export const ROTATION_GRACE_MS = 24 * 60 * 60_000;
