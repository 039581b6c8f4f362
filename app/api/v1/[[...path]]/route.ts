// Next's route for the read API, used under `next dev` and whenever a request reaches Next;
// the custom server answers /api/v1 itself through the same handler (server.ts).
import { handleNextApiRequest } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';

export {
  handleNextApiRequest as GET,
  handleNextApiRequest as POST,
  handleNextApiRequest as PUT,
  handleNextApiRequest as PATCH,
  handleNextApiRequest as DELETE,
};
