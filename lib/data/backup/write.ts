// `npm run db:backup` and the scheduled backup: every row of every application table, read in
// one snapshot transaction (so a running Galley's writes land wholly before or after it),
// streamed through a cursor into a gzip'd file that appears under its name only when complete.
import 'server-only';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { BackupError } from '@/lib/domain/backup/errors';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, line, type BackupHeader, type RowOrder } from '@/lib/domain/backup/format';
import { parentsFirst, planTables, type ForeignKey } from '@/lib/domain/backup/table-order';
import type { Database } from '../db';
import type { RawSql } from '../migrate';
import { quoteIdent as q, readCatalog, schemaVersion, type Catalog } from './catalog';

const FETCH_ROWS = 1000;

export interface BackupSummary {
  file: string;
  bytes: number;
  engine: Database['engine'];
  schemaVersion: string;
  tables: Record<string, number>;
  rows: number;
}

// row_to_json escapes line breaks in strings; a `json` (not jsonb) column keeps its text as is,
// where a line break can only be insignificant whitespace, so it becomes a space.
const oneLine = (text: string) => (text.includes('\n') || text.includes('\r') ? text.replace(/[\r\n]/g, ' ') : text);

async function* byKey(sql: RawSql, table: string, primaryKey: string[], cursor: string): AsyncGenerator<string[]> {
  const orderBy = primaryKey.length ? ` ORDER BY ${primaryKey.map((c) => `t.${q(c)}`).join(', ')}` : '';
  await sql.exec(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${q(table)} t${orderBy}`);
  for (;;) {
    const rows = await sql.query<{ j: string }>(`FETCH ${FETCH_ROWS} FROM ${cursor}`);
    if (rows.length === 0) break;
    yield rows.map((r) => oneLine(r.j));
  }
  await sql.exec(`CLOSE ${cursor}`);
}

/** A table that references itself and may never be updated: its rows in memory, parents first. */
async function* byParents(sql: RawSql, fk: ForeignKey): AsyncGenerator<string[]> {
  const cols = (names: string[]) => names.map((c) => `t.${q(c)}`).join(', ');
  const rows = await sql.query<{ j: string; key: string; parent: string | null }>(
    `SELECT row_to_json(t)::text AS j, json_build_array(${cols(fk.refColumns)})::text AS key,
       CASE WHEN ${fk.columns.map((c) => `t.${q(c)} IS NOT NULL`).join(' AND ')} THEN json_build_array(${cols(fk.columns)})::text END AS parent
     FROM ${q(fk.table)} t`,
  );
  const order = parentsFirst(rows);
  for (let i = 0; i < order.length; i += FETCH_ROWS) yield order.slice(i, i + FETCH_ROWS).map((k) => oneLine(rows[k]!.j));
}

async function* backupLines(
  sql: RawSql,
  header: BackupHeader,
  catalog: Catalog,
  plan: ReturnType<typeof planTables>,
  counts: Map<string, number>,
) {
  yield line(header);
  let index = 0;
  for (const name of plan.order) {
    const table = catalog.tables.find((t) => t.name === name)!;
    const fk = plan.parentsFirst.get(name);
    const rowOrder: RowOrder = fk ? 'parents-first' : table.primaryKey.length ? 'key' : 'none';
    const announced = counts.get(name)!;
    yield line({ table: name, columns: table.columns.map((c) => c.name), rows: announced, rowOrder });
    let written = 0;
    for await (const rows of fk ? byParents(sql, fk) : byKey(sql, name, table.primaryKey, `galley_backup_${index++}`)) {
      written += rows.length;
      yield `${rows.join('\n')}\n`;
    }
    if (written !== announced) throw new Error(`Backup of "${name}" read ${written} rows where the snapshot counted ${announced}`);
  }
  yield line({ end: true, tables: Object.fromEntries(counts), rows: [...counts.values()].reduce((a, b) => a + b, 0) });
}

export async function writeBackup(database: Database, file: string, now = new Date()): Promise<BackupSummary> {
  const partial = `${file}.partial`;
  try {
    const summary = await database.transaction(async (sql) => {
      // Text forms that read back the same on any server: UTC timestamps, hex bytea, exact floats.
      await sql.exec(
        `SET LOCAL TimeZone = 'UTC'; SET LOCAL bytea_output = 'hex'; SET LOCAL extra_float_digits = 1; SET LOCAL IntervalStyle = 'postgres'`,
      );
      const version = await schemaVersion(sql);
      if (!version) throw new BackupError('This database has no Galley schema (it was never migrated): there is nothing to back up.');
      const catalog = await readCatalog(sql);
      const plan = planTables(catalog.tables, catalog.foreignKeys);
      const counts = new Map<string, number>();
      for (const name of plan.order) {
        const [row] = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(name)}`);
        counts.set(name, Number(row!.n));
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        schemaVersion: version,
        createdAt: now.toISOString(),
        engine: database.engine,
        tables: plan.order,
      };
      await pipeline(Readable.from(backupLines(sql, header, catalog, plan, counts)), createGzip(), createWriteStream(partial));
      return { schemaVersion: version, tables: Object.fromEntries(counts), rows: [...counts.values()].reduce((a, b) => a + b, 0) };
    }, 'snapshot');
    await rename(partial, file);
    return { file, bytes: (await stat(file)).size, engine: database.engine, ...summary };
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  }
}
