// Readiness: whether this instance should be sent traffic. Each check is named; the answer is
// 200 when all pass, else 503 naming the ones that failed. (Liveness, /api/health, only asks
// whether the process answers.)

export type ReadinessCheckName = 'database' | 'migrations' | 'startup';

export interface ReadinessCheck {
  name: ReadinessCheckName;
  ok: boolean;
  /** What was found, or why the check failed. */
  detail: string;
}

export interface ReadinessReport {
  status: 200 | 503;
  body: {
    ready: boolean;
    checks: ReadinessCheck[];
    error?: { code: 'unavailable'; message: string };
  };
}

export function readinessReport(checks: ReadinessCheck[]): ReadinessReport {
  const failing = checks.filter((c) => !c.ok);
  if (failing.length === 0) return { status: 200, body: { ready: true, checks } };
  const message = `Not ready: ${failing.map((c) => `${c.name} (${c.detail})`).join('; ')}`;
  return { status: 503, body: { ready: false, checks, error: { code: 'unavailable', message } } };
}

/**
 * Compares the migrations this code ships with those the database has applied. Pending ones
 * fail the check. Applied ones this code does not know are reported but pass: during a rolling
 * upgrade a newer instance migrates first, and the older ones must keep serving meanwhile.
 */
export function migrationsCheck(shipped: string[], applied: string[]): ReadinessCheck {
  const done = new Set(applied);
  const known = new Set(shipped);
  const pending = shipped.filter((name) => !done.has(name));
  const unknown = applied.filter((name) => !known.has(name));
  if (pending.length > 0) {
    return { name: 'migrations', ok: false, detail: `${pending.length} of ${shipped.length} not applied: ${pending.join(', ')}` };
  }
  const newer = unknown.length > 0 ? `; ${unknown.length} newer than this version: ${unknown.join(', ')}` : '';
  return { name: 'migrations', ok: true, detail: `${shipped.length} applied${newer}` };
}
