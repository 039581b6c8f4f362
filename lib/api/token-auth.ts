// Authentication of the write API (/api/v1/workspace): a service token, looked up by its hash
// on every request. Nothing is cached, so a revocation or an expiry takes effect at once on
// every instance; writes go to the database anyway, so the lookup costs little.
import 'server-only';
import { findServiceTokenByHash, touchServiceToken, type ServiceTokenIdentity } from '@/lib/data/service-tokens';
import { hashSecret } from '@/lib/domain/secret-hash';
import { isServiceToken, serviceTokenRefusal, serviceTokenStatus } from '@/lib/domain/service-token';
import { AppError } from '@/lib/errors';
import { singleton } from '@/lib/singleton';
import { TOKEN_TOUCH_INTERVAL_MS } from '@/lib/data/service-tokens';

const CHALLENGE = { 'www-authenticate': 'Bearer' };
const refuse = (message: string) => new AppError('unauthenticated', message, { headers: CHALLENGE });

// When this process last recorded each token's use, so a busy token costs one UPDATE a minute.
const touched = () => singleton('ServiceTokenTouches', () => new Map<string, number>());

function recordUse(id: string): void {
  const now = Date.now();
  const last = touched().get(id) ?? 0;
  if (now - last < TOKEN_TOUCH_INTERVAL_MS) return;
  if (touched().size >= 10_000) touched().clear();
  touched().set(id, now);
  // Last-used is informative; never make a request wait for it or fail because of it.
  void touchServiceToken(id, new Date(now)).catch(() => {});
}

export async function authenticateToken(headers: Record<string, string | undefined>): Promise<ServiceTokenIdentity> {
  const auth = headers.authorization;
  const presented = auth?.toLowerCase().startsWith('bearer ') ? auth.slice(7).trim() : null;
  if (!presented) throw refuse('Send a service token as "Authorization: Bearer gst_…"');
  if (presented.startsWith('glk_'))
    throw refuse('This is a read API key (glk_…); the write API takes a service token (gst_…) from the workspace settings');
  if (!isServiceToken(presented)) throw refuse('The service token is malformed');
  const token = await findServiceTokenByHash(hashSecret(presented));
  if (!token) throw refuse('Unknown service token');
  const status = serviceTokenStatus(token, new Date());
  if (status !== 'active') throw refuse(serviceTokenRefusal(status, token));
  recordUse(token.id);
  return token;
}
