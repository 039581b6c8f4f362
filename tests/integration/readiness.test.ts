// /api/ready against a real database, on each engine: every check passes on a migrated
// database once start-up is done, and each failure (start-up not done or shutting down, a
// migration not applied, the database down or hanging) is a 503 that names its check.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/ready/route';
import { database } from '@/lib/data/db';
import { appliedMigrations, migrationNames } from '@/lib/data/migrate';
import { checkReadiness } from '@/lib/data/readiness';
import { lifecycle } from '@/lib/lifecycle';
import { peekSingleton, setSingleton } from '@/lib/singleton';

const byName = (checks: { name: string }[]) => Object.fromEntries(checks.map((c) => [c.name, c]));

describe('readiness', () => {
  beforeEach(async () => {
    await database(); // opened and migrated, as start-up does
    Object.assign(lifecycle(), { started: true, stopping: false });
  });
  afterEach(() => Object.assign(lifecycle(), { started: false, stopping: false }));

  it('answers 200 listing each check when the database answers, is migrated and start-up is done', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { ready: boolean; checks: { name: string; ok: boolean; detail: string }[] };
    expect(body.ready).toBe(true);
    const shipped = await migrationNames();
    const { engine } = await database();
    expect(body.checks.map((c) => c.name)).toEqual(['database', 'migrations', 'startup']);
    expect(byName(body.checks)).toMatchObject({
      database: { ok: true, detail: expect.stringMatching(new RegExp(`^${engine} answered in \\d+ ms$`)) },
      migrations: { ok: true, detail: expect.stringMatching(new RegExp(`^${shipped.length} applied`)) },
      startup: { ok: true, detail: 'done' },
    });
  });

  it('is 503 naming the start-up while it runs, and again once a shutdown begins', async () => {
    lifecycle().started = false;
    let report = await checkReadiness();
    expect(report.status).toBe(503);
    expect(report.body.error?.message).toBe('Not ready: startup (still starting)');
    Object.assign(lifecycle(), { started: true, stopping: true });
    report = await checkReadiness();
    expect(report.status).toBe(503);
    expect(report.body.error?.message).toBe('Not ready: startup (shutting down)');
  });

  it('is 503 naming a migration this code ships that the database has not applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'galley-migrations-'));
    for (const name of [...(await migrationNames()), '29991231000000_not_applied_yet']) mkdirSync(path.join(dir, name));
    const report = await checkReadiness({ migrationsDir: dir });
    expect(report.status).toBe(503);
    expect(byName(report.body.checks)).toMatchObject({ database: { ok: true }, migrations: { ok: false }, startup: { ok: true } });
    expect(report.body.error?.message).toMatch(/^Not ready: migrations \(1 of \d+ not applied: 29991231000000_not_applied_yet\)$/);
  });

  it('reads what the start-up migrator recorded', async () => {
    const { raw } = await database();
    expect((await appliedMigrations(raw)).sort()).toEqual(expect.arrayContaining(await migrationNames()));
    // A database that was never migrated has no bookkeeping table, and no applied migrations.
    const blank = new PGlite();
    try {
      const blankRaw = { exec: async () => {}, query: async <T>(sql: string) => (await blank.query<T>(sql)).rows };
      expect(await appliedMigrations(blankRaw)).toEqual([]);
    } finally {
      await blank.close();
    }
  });

  it('is 503 naming the database when it fails, and does not check migrations then', async () => {
    const previous = peekSingleton('Db');
    const down = Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    down.catch(() => {});
    setSingleton('Db', down);
    try {
      const response = await GET();
      expect(response.status).toBe(503);
      const body = (await response.json()) as { ready: boolean; error: { code: string; message: string } };
      expect(body.ready).toBe(false);
      expect(body.error).toEqual({
        code: 'unavailable',
        message: 'Not ready: database (connect ECONNREFUSED 127.0.0.1:5432); migrations (not checked: the database is unavailable)',
      });
    } finally {
      setSingleton('Db', previous);
    }
  });

  it('answers within its timeout when a query hangs (a pool with no free connection)', async () => {
    const previous = peekSingleton('Db');
    const handle = await database();
    const hanging = { ...handle, raw: { ...handle.raw, query: () => new Promise<never>(() => {}) } };
    setSingleton('Db', Promise.resolve(hanging));
    try {
      const report = await checkReadiness();
      expect(report.status).toBe(503);
      expect(byName(report.body.checks).database).toEqual({
        name: 'database',
        ok: false,
        detail: 'the database did not answer within 2000 ms',
      });
    } finally {
      setSingleton('Db', previous);
    }
  });
});
