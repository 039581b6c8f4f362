// `npm run db:restore`: loads a backup into an empty, migrated database, on either engine, in
// one transaction (a refusal or a failure leaves nothing behind). It only inserts, with every
// trigger and foreign key on: tables come parents first, and the one key in a cycle
// (Prompt.headRevisionId) is inserted NULL and set at the end, in a table that allows updates.
// Every revision's and release's contentHash is recomputed before anything commits.
import 'server-only';
import { BackupError } from '@/lib/domain/backup/errors';
import {
  checkSchemaVersion,
  checkTrailer,
  parseHeader,
  parseTableHeader,
  type BackupHeader,
  type TableHeader,
} from '@/lib/domain/backup/format';
import { checkRowCount, HASHED_TABLES, hashMismatch, mismatchError } from '@/lib/domain/backup/integrity';
import { checkArrival, planTables, type TablePlan } from '@/lib/domain/backup/table-order';
import type { Database } from '../db';
import type { RawSql } from '../migrate';
import { quoteIdent as q, readCatalog, schemaVersion, type Catalog } from './catalog';
import { lineReader } from './lines';

const BATCH_ROWS = 1000;
const BATCH_CHARS = 8 * 1024 * 1024;

export interface RestoreSummary {
  header: BackupHeader;
  tables: Record<string, number>;
  rows: number;
}

type Table = Catalog['tables'][number];

async function firstNonEmpty(sql: RawSql, tables: string[]): Promise<string | undefined> {
  for (const name of tables) {
    const [row] = await sql.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${q(name)}) AS any`);
    if (row?.any) return name;
  }
  return undefined;
}

function checkTables(header: BackupHeader, catalog: Catalog): void {
  const here = new Set(catalog.tables.map((t) => t.name));
  const missing = header.tables.find((t) => !here.has(t));
  if (missing) throw new BackupError(`The backup holds table "${missing}", which this database does not have.`);
  const extra = [...here].find((t) => !header.tables.includes(t));
  if (extra) throw new BackupError(`This database has table "${extra}", which the backup does not hold.`);
}

function checkColumns(th: TableHeader, table: Table): void {
  const here = table.columns.map((c) => c.name);
  const differs = th.columns.length !== here.length || th.columns.some((c) => !here.includes(c));
  if (differs) throw new BackupError(`Table "${th.table}" has other columns in the backup than in this database.`);
}

/** Inserts one batch of row JSON; deferred columns go in NULL (their values wait in `staging`). */
async function insertBatch(sql: RawSql, table: Table, deferred: string[], staging: string | null, rows: string[]): Promise<void> {
  const json = `[${rows.join(',')}]`;
  const columns = table.columns.map((c) => c.name).filter((c) => !table.generated.includes(c));
  const values = columns.map((c) => (deferred.includes(c) ? `NULL` : `r.${q(c)}`));
  const overriding = table.sequences.length ? ' OVERRIDING SYSTEM VALUE' : '';
  await sql.query(
    `INSERT INTO ${q(table.name)} (${columns.map(q).join(', ')})${overriding}
     SELECT ${values.join(', ')} FROM json_populate_recordset(NULL::${q(table.name)}, $1::json) AS r`,
    [json],
  );
  if (staging) await sql.query(`INSERT INTO ${staging} SELECT * FROM json_populate_recordset(NULL::${q(table.name)}, $1::json)`, [json]);
}

async function loadTable(
  sql: RawSql,
  next: () => Promise<string | undefined>,
  th: TableHeader,
  table: Table,
  plan: TablePlan,
  index: number,
) {
  const deferred = plan.deferred.get(table.name) ?? [];
  let staging: string | null = null;
  if (deferred.length) {
    if (!table.primaryKey.length)
      throw new BackupError(`Cannot restore table "${table.name}": it needs a deferred column but has no primary key.`);
    staging = `galley_restore_${index}`;
    await sql.exec(`CREATE TEMP TABLE ${staging} (LIKE ${q(table.name)}) ON COMMIT DROP`);
  }
  const hashed = HASHED_TABLES.has(table.name);
  let batch: string[] = [];
  let chars = 0;
  for (let read = 0; read < th.rows; read++) {
    const row = await next();
    if (row === undefined) checkRowCount(table.name, th.rows, read);
    if (hashed) {
      const mismatch = hashMismatch(table.name, JSON.parse(row!) as Record<string, unknown>);
      if (mismatch) throw mismatchError(mismatch);
    }
    batch.push(row!);
    chars += row!.length;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
      await insertBatch(sql, table, deferred, staging, batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length) await insertBatch(sql, table, deferred, staging, batch);
  return staging;
}

async function finish(sql: RawSql, catalog: Catalog, plan: TablePlan, staged: Map<string, string>, counts: Map<string, number>) {
  for (const [name, staging] of staged) {
    const table = catalog.tables.find((t) => t.name === name)!;
    const set = plan.deferred.get(name)!.map((c) => `${q(c)} = s.${q(c)}`);
    const on = table.primaryKey.map((c) => `t.${q(c)} = s.${q(c)}`).join(' AND ');
    await sql.exec(`UPDATE ${q(name)} AS t SET ${set.join(', ')} FROM ${staging} AS s WHERE ${on}`);
  }
  for (const table of catalog.tables) {
    for (const { column, sequence } of table.sequences) {
      await sql.query(`SELECT setval($1, COALESCE((SELECT max(${q(column)}) FROM ${q(table.name)}), 0) + 1, false)`, [sequence]);
    }
  }
  for (const [name, n] of counts) {
    const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(name)}`);
    if (Number(row!.n) !== n)
      throw new BackupError(`Restore check failed: table "${name}" has ${row!.n} rows after the restore, the backup ${n}.`);
  }
}

export async function restoreBackup(database: Database, file: string): Promise<RestoreSummary> {
  const reader = lineReader(file);
  try {
    const header = parseHeader(await reader.next());
    checkSchemaVersion(header.schemaVersion, await schemaVersion(database.raw));
    const catalog = await readCatalog(database.raw);
    checkTables(header, catalog);
    const plan = planTables(catalog.tables, catalog.foreignKeys);
    const counts = await database.transaction(async (sql) => {
      const busy = await firstNonEmpty(sql, header.tables);
      if (busy) {
        throw new BackupError(
          `The database is not empty (table "${busy}" has rows). A restore goes only into an empty database: ` +
            'create a new one (PostgreSQL: CREATE DATABASE; embedded: an empty GALLEY_DATA_DIR) and restore into it.',
        );
      }
      const loaded = new Set<string>();
      const staged = new Map<string, string>();
      const read = new Map<string, number>();
      for (const [index, name] of header.tables.entries()) {
        const th = parseTableHeader(await reader.next(), name);
        const table = catalog.tables.find((t) => t.name === name)!;
        checkColumns(th, table);
        checkArrival(name, loaded, plan, catalog.foreignKeys, th.rowOrder);
        const staging = await loadTable(sql, reader.next, th, table, plan, index);
        if (staging) staged.set(name, staging);
        loaded.add(name);
        read.set(name, th.rows);
      }
      checkTrailer(await reader.next(), read);
      if ((await reader.next()) !== undefined) throw new BackupError('The backup file is damaged: there is data after its closing line.');
      await finish(sql, catalog, plan, staged, read);
      return read;
    }, 'write');
    return { header, tables: Object.fromEntries(counts), rows: [...counts.values()].reduce((a, b) => a + b, 0) };
  } finally {
    await reader.close();
  }
}
