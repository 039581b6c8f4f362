export const dynamic = 'force-dynamic';

/**
 * Liveness: the process answers. Deliberately no database work, so it stays cheap enough to
 * poll often (Playwright's webServer waits on it); /api/ready checks the database.
 */
export function GET() {
  return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
}
