// The move between engines, as README.md's "Running on PostgreSQL" describes it: seed the
// embedded database (users, members, prompts with history, releases, a review with an approval,
// API keys, staging and canary, an evaluation, audit events), back it up, restore into a fresh
// PostgreSQL database, point Galley at it, and it serves the same read-API answers with the same
// ETags, the same history and the same audit log, with every row the same. And the reverse.
// Runs in the PGlite project only (it opens both engines itself); the PostgreSQL parts need
// TEST_DATABASE_URL.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '@/lib/data/backup/restore';
import { writeBackup } from '@/lib/data/backup/write';
import { openDatabase, type Database } from '@/lib/data/db';
import { saveDraft } from '@/lib/data/revisions';
import { peekSingleton, setSingleton } from '@/lib/singleton';
import { systemContent } from '../factories';
import { AWKWARD_DDL, AWKWARD_ROWS, freshPostgres, observe, openMemory, seedWorkspace, tableRows, pointAppAt } from './backup-fixtures';

const postgresServer = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(path.join(tmpdir(), 'galley-move-'));

type Opener = () => Promise<{ database: Database; drop?: () => Promise<void> }>;
const pglite: Opener = async () => ({ database: await openMemory() });
const postgres: Opener = async () => {
  const { url, drop } = await freshPostgres();
  return { database: await openDatabase({ url }), drop };
};

async function move(from: Opener, to: Opener, name: string) {
  const source = await from();
  const target = await to();
  try {
    pointAppAt(source.database);
    const seeded = await seedWorkspace();
    const before = await observe(seeded);
    expect(before.api.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(12);
    const rows = await tableRows(source.database);
    const file = path.join(dir, `${name}.jsonl.gz`);
    const backup = await writeBackup(source.database, file);
    expect(backup.engine).toBe(source.database.engine);

    const restored = await restoreBackup(target.database, file);
    expect(restored.tables).toEqual(backup.tables);
    expect(await tableRows(target.database)).toEqual(rows);

    pointAppAt(target.database);
    const after = await observe(seeded);
    expect(after.api.map((a) => a.etag).filter(Boolean).length).toBeGreaterThanOrEqual(10);
    expect(after).toEqual(before);

    // And it carries on: the draft moves on from the restored head.
    const [promptId] = seeded.promptIds;
    const head = after.history[0]!.items[0]!;
    const next = await saveDraft(seeded.admin, { promptId: promptId!, baseRevisionId: head.id, content: systemContent('after the move') });
    expect(next.revision.number).toBe(head.number + 1);
  } finally {
    await source.database.close();
    await target.database.close();
    await source.drop?.();
    await target.drop?.();
  }
}

/** Every awkward type, across engines: the target prints each row exactly as the source did. */
async function moveTypes(from: Opener, to: Opener, name: string) {
  const source = await from();
  const target = await to();
  try {
    await source.database.raw.exec(AWKWARD_DDL);
    await source.database.raw.exec(AWKWARD_ROWS);
    await target.database.raw.exec(AWKWARD_DDL);
    const file = path.join(dir, `${name}-types.jsonl.gz`);
    await writeBackup(source.database, file);
    await restoreBackup(target.database, file);
    const rows = await tableRows(target.database);
    expect(rows.ZzAddedLater).toHaveLength(2);
    expect(rows).toEqual(await tableRows(source.database));
  } finally {
    await source.database.close();
    await target.database.close();
    await source.drop?.();
    await target.drop?.();
  }
}

describe.skipIf(Boolean(process.env.DATABASE_URL))('moving a Galley between engines with a backup', () => {
  let previous: unknown;
  beforeAll(() => void (previous = peekSingleton('Db')));
  afterAll(() => setSingleton('Db', previous));

  it('embedded → embedded: same answers, ETags, history, audit log and rows', () => move(pglite, pglite, 'pglite-pglite'));
  it.skipIf(!postgresServer)('embedded → PostgreSQL: same answers, ETags, history, audit log and rows', () =>
    move(pglite, postgres, 'pglite-postgres'),
  );
  it.skipIf(!postgresServer)('PostgreSQL → embedded: same answers, ETags, history, audit log and rows', () =>
    move(postgres, pglite, 'postgres-pglite'),
  );
  it.skipIf(!postgresServer)('bigint, numeric, timestamps, bytea, json, arrays, intervals and nulls survive embedded → PostgreSQL', () =>
    moveTypes(pglite, postgres, 'pglite-postgres'),
  );
  it.skipIf(!postgresServer)('… and PostgreSQL → embedded', () => moveTypes(postgres, pglite, 'postgres-pglite'));
});
