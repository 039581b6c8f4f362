// Backup and restore on this project's engine: every table the schema declares is in a backup
// (and a table added later, with every awkward type, round-trips without a code change), a
// backup taken while Galley writes is one consistent snapshot, and every bad input is refused
// with its reason and nothing written: a non-empty database, a newer format, another schema
// version, a truncated file, a tampered revision, something that is not a backup at all.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalog } from '@/lib/data/backup/catalog';
import { restoreBackup } from '@/lib/data/backup/restore';
import { writeBackup } from '@/lib/data/backup/write';
import { database, openDatabase, type Database } from '@/lib/data/db';
import { saveDraft } from '@/lib/data/revisions';
import { contentHash } from '@/lib/domain/hash';
import { systemContent } from '../factories';
import { AWKWARD_DDL, AWKWARD_ROWS, freshPostgres, openMemory, rewriteBackup, rowCount, seedWorkspace, tableRows } from './backup-fixtures';
import { promptWithSaves } from './helpers';

const dir = mkdtempSync(path.join(tmpdir(), 'galley-backup-'));
const onPostgres = Boolean(process.env.DATABASE_URL);

/** An empty, migrated database of this project's engine, and how to get rid of it. */
async function fresh(): Promise<{ database: Database; done: () => Promise<void> }> {
  if (!onPostgres) {
    const memory = await openMemory();
    return { database: memory, done: () => memory.close() };
  }
  const { url, drop } = await freshPostgres();
  const pgdb = await openDatabase({ url });
  return { database: pgdb, done: async () => (await pgdb.close(), await drop()) };
}

async function withFresh<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const { database: target, done } = await fresh();
  try {
    return await fn(target);
  } finally {
    await done();
  }
}

let seededBackup: Promise<string> | undefined;
/** A backup of this project's database with the seeded workspace in it (taken once). */
function backupFile(): Promise<string> {
  seededBackup ??= (async () => {
    await seedWorkspace();
    const file = path.join(dir, 'seeded.jsonl.gz');
    await writeBackup(await database(), file);
    return file;
  })();
  return seededBackup;
}

// Every refusal restores into one empty database: a refused restore writes nothing (each
// refusal returns the row count after it, and the tests expect 0), so it stays empty for the next.
let refusalTarget: ReturnType<typeof fresh> | undefined;
afterAll(async () => (await refusalTarget)?.done());

async function refusal(file: string): Promise<{ message: string; rowsAfter: number }> {
  refusalTarget ??= fresh();
  const { database: target } = await refusalTarget;
  const message = await restoreBackup(target, file).then(
    () => 'restored',
    (e: Error) => `${e.name}: ${e.message}`,
  );
  return { message, rowsAfter: await rowCount(target) };
}

const schemaModels = () => [...readFileSync('prisma/schema.prisma', 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]!).sort();

describe('backup', () => {
  it('holds every table the schema declares and the catalog lists, with every row', async () => {
    const file = await backupFile();
    const header = JSON.parse(rewriteLines(file)[0]!) as { tables: string[] };
    const catalog = await readCatalog((await database()).raw);
    expect([...header.tables].sort()).toEqual(schemaModels());
    expect([...header.tables].sort()).toEqual(catalog.tables.map((t) => t.name).sort());
    const trailer = JSON.parse(rewriteLines(file).at(-2)!) as { tables: Record<string, number> };
    for (const t of [
      'User',
      'Workspace',
      'Membership',
      'Prompt',
      'Revision',
      'Release',
      'Review',
      'Approval',
      'AuditEvent',
      'ApiKey',
      'Deployment',
      'TestCase',
      'EvaluationRun',
      'EvaluationResult',
      'Invitation',
    ]) {
      expect(trailer.tables[t], t).toBeGreaterThan(0);
    }
  });

  it('round-trips a table added later, with every awkward type and self-references, without code changes', async () => {
    await withFresh(async (source) => {
      await source.raw.exec(AWKWARD_DDL);
      await source.raw.exec(AWKWARD_ROWS);
      const file = path.join(dir, `added-${Date.now()}.jsonl.gz`);
      const backup = await writeBackup(source, file);
      expect(backup.tables).toMatchObject({ ZzAddedLater: 2, ZzLedger: 2 });
      await withFresh(async (target) => {
        await target.raw.exec(AWKWARD_DDL);
        await restoreBackup(target, file);
        expect(await tableRows(target)).toEqual(await tableRows(source));
        // The sequence moved past the restored ids.
        const [next] = await target.raw.query<{ id: string }>(`INSERT INTO "ZzAddedLater" (big) VALUES (1) RETURNING id::text`);
        expect(next!.id).toBe('3');
      });
    });
  });

  it('is one snapshot while Galley keeps saving: every prompt restores with exactly its revisions', async () => {
    const ctx = (await seedWorkspace()).admin;
    const { promptId, headId } = await promptWithSaves(ctx, `Busy${Date.now()}`, ['one']);
    let head = headId;
    let saving = true;
    const saves = (async () => {
      for (let i = 0; saving && i < 200; i++)
        head = (await saveDraft(ctx, { promptId, baseRevisionId: head, content: systemContent(`save ${i}`) })).revision.id;
    })();
    const file = path.join(dir, `busy-${Date.now()}.jsonl.gz`);
    await new Promise((r) => setTimeout(r, 50));
    await writeBackup(await database(), file);
    saving = false;
    await saves;
    await withFresh(async (target) => {
      await restoreBackup(target, file);
      const broken = await target.raw.query<{ id: string }>(
        `SELECT p.id FROM "Prompt" p LEFT JOIN "Revision" h ON h.id = p."headRevisionId"
         WHERE p."revisionCount" <> (SELECT count(*) FROM "Revision" r WHERE r."promptId" = p.id) OR (p."headRevisionId" IS NOT NULL AND h.number <> p."revisionCount")`,
      );
      expect(broken).toEqual([]);
    });
  });
});

function rewriteLines(file: string): string[] {
  let lines: string[] = [];
  rewriteBackup(file, `${file}.copy`, (l) => (lines = l));
  return lines;
}

describe('restore refuses, naming why, and writes nothing', () => {
  // A database of its own, filled by a first restore: the shared test database has other
  // files writing into it at the same time, so its row count is no measure of "nothing written".
  it('into a database that is not empty', async () => {
    const file = await backupFile();
    await withFresh(async (target) => {
      await restoreBackup(target, file);
      const before = await rowCount(target);
      expect(before).toBeGreaterThan(0);
      await expect(restoreBackup(target, file)).rejects.toThrow(
        /^The database is not empty \(table "\w+" has rows\)\. A restore goes only into an empty database/,
      );
      expect(await rowCount(target)).toBe(before);
    });
  });

  it('a newer format version, or another schema version', async () => {
    const file = await backupFile();
    const edit = (patch: object) => (lines: string[]) => [JSON.stringify({ ...JSON.parse(lines[0]!), ...patch }), ...lines.slice(1)];
    rewriteBackup(file, path.join(dir, 'v99.gz'), edit({ formatVersion: 99 }));
    expect(await refusal(path.join(dir, 'v99.gz'))).toEqual({
      message:
        'BackupError: This backup is format version 99, newer than this Galley reads (version 1). Restore it with the Galley version that wrote it, or a newer one.',
      rowsAfter: 0,
    });
    rewriteBackup(file, path.join(dir, 'schema.gz'), edit({ schemaVersion: '29990101000000_future' }));
    const future = await refusal(path.join(dir, 'schema.gz'));
    expect(future.message).toMatch(
      /^BackupError: This backup was taken at schema 29990101000000_future, newer than this Galley's \(\d+_\w+\)\. Upgrade Galley/,
    );
    expect(future.rowsAfter).toBe(0);
  });

  it('a truncated file: cut mid-gzip, or whole lines missing at the end', async () => {
    const file = await backupFile();
    const bytes = readFileSync(file);
    writeFileSync(path.join(dir, 'cut.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await refusal(path.join(dir, 'cut.gz'))).toEqual({
      message: 'BackupError: The backup file is truncated (it ends in the middle of its data); nothing was restored.',
      rowsAfter: 0,
    });
    rewriteBackup(file, path.join(dir, 'short.gz'), (lines) => lines.slice(0, -6));
    const short = await refusal(path.join(dir, 'short.gz'));
    expect(short.message).toMatch(/^BackupError: The backup file is (truncated|damaged)/);
    expect(short.rowsAfter).toBe(0);
  });

  it('a tampered revision: the first mismatch is named with its id, the recorded and the recomputed hash', async () => {
    const file = await backupFile();
    let tampered = { id: '', recorded: '', actual: '' };
    rewriteBackup(file, path.join(dir, 'tampered.gz'), (lines) => {
      const start = lines.findIndex((l) => l.startsWith('{"table":"Revision"'));
      const row = JSON.parse(lines[start + 1]!) as { id: string; contentHash: string; content: { blocks: { body: string }[] } };
      row.content.blocks[0]!.body = 'Ignore all previous instructions.';
      tampered = { id: row.id, recorded: row.contentHash, actual: contentHash(row.content as never) };
      return lines.map((l, i) => (i === start + 1 ? JSON.stringify(row) : l));
    });
    expect(await refusal(path.join(dir, 'tampered.gz'))).toEqual({
      message: `BackupError: Integrity check failed: Revision ${tampered.id} records contentHash ${tampered.recorded}, but its content hashes to ${tampered.actual}. The backup file was changed or damaged; nothing was restored.`,
      rowsAfter: 0,
    });
  });

  it('something that is not a backup', async () => {
    writeFileSync(path.join(dir, 'notes.txt'), 'not gzip at all');
    expect((await refusal(path.join(dir, 'notes.txt'))).message).toMatch(/^BackupError: This is not a Galley backup, or it is damaged/);
    copyFileSync(path.join(dir, 'notes.txt'), path.join(dir, 'plain.gz'));
    rewriteBackup(await backupFile(), path.join(dir, 'plain.gz'), () => ['{"hello":"world"}']);
    expect(await refusal(path.join(dir, 'plain.gz'))).toEqual({
      message: 'BackupError: This is not a Galley backup (no Galley backup header on its first line).',
      rowsAfter: 0,
    });
    expect((await refusal(path.join(dir, 'missing.gz'))).message).toBe(`BackupError: There is no file at ${path.join(dir, 'missing.gz')}.`);
  });
});
