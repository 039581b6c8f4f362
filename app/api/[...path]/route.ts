// Any path under /api that no route claims: applications get a JSON error naming the path,
// never Next's HTML 404 page. (More specific routes — /api/v1, /api/auth, /api/health — win.)
import { errorResponse } from '@/lib/api/http';
import { toWebResponse } from '@/lib/api/next-route';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

function notFound(req: Request): Response {
  return toWebResponse(errorResponse(new AppError('not_found', `No endpoint ${new URL(req.url).pathname}`)));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as HEAD, notFound as OPTIONS };
