// Next's route for the Langfuse-compatible prompt endpoint (lib/api/langfuse.ts), used under
// `next dev`; the custom server answers /api/public itself through the same handler (server.ts).
import { handleNextApiRequest } from '@/lib/api/next-route';

export const dynamic = 'force-dynamic';

export {
  handleNextApiRequest as GET,
  handleNextApiRequest as POST,
  handleNextApiRequest as PUT,
  handleNextApiRequest as PATCH,
  handleNextApiRequest as DELETE,
};
