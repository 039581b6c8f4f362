// The process-wide rate limiter of the read API (/api/v1 and the Langfuse endpoint share it).
import { env } from '@/lib/env';
import { singleton } from '@/lib/singleton';
import { RateLimiter } from './rate-limit';

export const limiter = () => singleton('Limiter', () => new RateLimiter(env.GALLEY_API_RATE_LIMIT));
