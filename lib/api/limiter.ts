// The process-wide rate limiter of the read API (/api/v1, the Langfuse endpoint and /api/mcp share it).
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { singleton } from '@/lib/singleton';
import { RateLimiter } from './rate-limit';

export const limiter = () => singleton('Limiter', () => new RateLimiter(env.GALLEY_API_RATE_LIMIT));

/** Spends one of the key's request tokens, or refuses the request with 429 and Retry-After. */
export function takeToken(keyId: string): void {
  const wait = limiter().take(keyId);
  if (wait > 0) throw new AppError('rate_limited', 'Too many requests for this API key', { headers: { 'retry-after': String(wait) } });
}
