// The invitation-links migration adds NOT NULL columns to a table that may hold rows. Those
// invitations had no token (anyone signing up with the address took them), so they must
// survive the upgrade as expired, with a hash no token can match, rather than fail it.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations, migrationsDirectory, type RawSql } from '@/lib/data/migrate';

const LINKS_MIGRATION = /_invitation_links_sessions$/;

describe('the invitation-links migration', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('turns invitations from before links into expired ones that no token opens', async () => {
    const all = (await readdir(migrationsDirectory())).filter((n) => !n.endsWith('.toml')).sort();
    const cut = all.findIndex((n) => LINKS_MIGRATION.test(n));
    expect(cut).toBeGreaterThan(0);
    const dir = await mkdtemp(path.join(tmpdir(), 'galley-migrations-'));
    dirs.push(dir);
    for (const name of all.slice(0, cut)) await cp(path.join(migrationsDirectory(), name), path.join(dir, name), { recursive: true });

    const pglite = new PGlite();
    const raw: RawSql = {
      exec: async (sql) => void (await pglite.exec(sql)),
      query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    };
    await applyMigrations(raw, dir);
    await raw.exec(`INSERT INTO "User" (id, email) VALUES ('u1', 'admin@x.test');
      INSERT INTO "Workspace" (id, slug, name) VALUES ('w1', 'w1', 'W');
      INSERT INTO "Invitation" (id, "workspaceId", email, role, "invitedById") VALUES ('i1', 'w1', 'new@x.test', 'publisher', 'u1');`);

    for (const name of all.slice(cut)) await cp(path.join(migrationsDirectory(), name), path.join(dir, name), { recursive: true });
    expect(await applyMigrations(raw, dir)).toEqual(all.slice(cut));

    const [row] = await raw.query<{ tokenHash: string; expired: boolean; sessionVersion: number }>(
      `SELECT i."tokenHash", i."expiresAt" <= now() AS expired, u."sessionVersion"
       FROM "Invitation" i JOIN "User" u ON u.id = i."invitedById" WHERE i.id = 'i1'`,
    );
    expect(row).toEqual({ tokenHash: 'legacy:i1', expired: true, sessionVersion: 0 });
    await pglite.close();
  });
});
