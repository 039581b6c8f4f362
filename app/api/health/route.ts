import { database } from '@/lib/data/db';

export const dynamic = 'force-dynamic';

/** Liveness plus a database round trip; used by Playwright's webServer and by operators. */
export async function GET() {
  try {
    const { engine, raw } = await database();
    await raw.query('SELECT 1');
    return Response.json({ ok: true, engine });
  } catch {
    return Response.json({ ok: false, error: { code: 'unavailable', message: 'Database unavailable' } }, { status: 503 });
  }
}
