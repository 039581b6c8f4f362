// The real commands, as an operator runs them: `npm run db:backup -- FILE` and
// `npm run db:restore -- FILE` in their own processes. A backup of the embedded database while
// another process (a running Galley) holds it is refused with what to do instead; a restore into
// a database with data is refused; neither prints a stack trace. With TEST_DATABASE_URL the
// restore goes into PostgreSQL through DATABASE_URL, as README's move does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/data/db';
import { peekSingleton, setSingleton } from '@/lib/singleton';
import { freshPostgres, pointAppAt, rowCount, seedWorkspace, tableRows } from './backup-fixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'galley-cli-'));
const source = path.join(dir, 'source');
const file = path.join(dir, 'galley.jsonl.gz');

function npm(script: 'db:backup' | 'db:restore', env: Record<string, string>, ...args: string[]) {
  const run = spawnSync('npm', ['run', '-s', script, '--', ...args], {
    env: { ...process.env, DATABASE_URL: '', GALLEY_DATA_DIR: source, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

describe.skipIf(Boolean(process.env.DATABASE_URL))('npm run db:backup / db:restore', () => {
  let previous: unknown;
  let rows: Record<string, string[]>;
  let running: Database;
  beforeAll(async () => {
    previous = peekSingleton('Db');
    running = await openDatabase({ dir: source, url: '' }); // this process plays the running Galley
    pointAppAt(running);
    await seedWorkspace();
    rows = await tableRows(running);
  });
  afterAll(() => setSingleton('Db', previous));

  it('refuses to open the embedded database a running Galley holds, and says what to do', () => {
    const run = npm('db:backup', {}, file);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`already open in another Galley process (pid ${process.pid})`);
    expect(run.err).toContain('GALLEY_BACKUP_DIR');
    expect(run.err).toContain('kill -USR2');
    expect(run.err).not.toMatch(/\n\s+at /);
  });

  it('backs up once Galley is stopped, restores into an empty embedded database, and refuses a second restore', async () => {
    await running.close();
    const backup = npm('db:backup', {}, file);
    expect(backup.err).toBe('');
    expect(backup.out).toMatch(
      new RegExp(`^Backed up \\d+ rows of \\d+ tables from the embedded database at ${source} .* to ${file} \\(.* MB\\) in .* s\\.$`),
    );
    expect(backup.code).toBe(0);

    const target = path.join(dir, 'target');
    const restore = npm('db:restore', { GALLEY_DATA_DIR: target }, file);
    expect(restore.out).toMatch(/^Restored \d+ rows of \d+ tables into the embedded database at .* every content hash checked\.$/);
    expect(restore.code).toBe(0);
    const again = npm('db:restore', { GALLEY_DATA_DIR: target }, file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^The database is not empty \(table "\w+" has rows\)/);
    expect(again.err).not.toMatch(/\n\s+at /);

    const restored = await openDatabase({ dir: target, url: '' });
    try {
      expect(await tableRows(restored)).toEqual(rows);
    } finally {
      await restored.close();
    }
  }, 240_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)('restores into PostgreSQL through DATABASE_URL', async () => {
    const { url, drop } = await freshPostgres();
    try {
      const restore = npm('db:restore', { DATABASE_URL: url }, file);
      expect(restore.out).toMatch(/^Restored \d+ rows of \d+ tables into PostgreSQL \(DATABASE_URL\)/);
      const pgdb = await openDatabase({ url });
      try {
        expect(await tableRows(pgdb)).toEqual(rows);
        expect(await rowCount(pgdb)).toBeGreaterThan(20);
      } finally {
        await pgdb.close();
      }
    } finally {
      await drop();
    }
  });

  it('says how to call it without a file', () => {
    const run = npm('db:backup', {});
    expect(run).toMatchObject({ code: 1, err: 'Usage: npm run db:backup -- FILE' });
  });
});
