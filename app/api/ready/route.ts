import { checkReadiness } from '@/lib/data/readiness';

export const dynamic = 'force-dynamic';

/** Readiness: 200 when the database answers, every migration is applied and start-up is done; else 503 naming the failing check. */
export async function GET() {
  const { status, body } = await checkReadiness();
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}
