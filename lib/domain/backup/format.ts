// The backup file: gzip'd JSON Lines, documented in README.md ("Backups").
//
//   {"format":"galley-backup","formatVersion":1,"schemaVersion":"<latest migration>",…}   header
//   {"table":"User","columns":[…],"rows":2,"rowOrder":"key"}                                 a table
//   {"id":"…","email":"…",…}                                                               its rows, one a line
//   …                                                                                       the next table
//   {"end":true,"tables":{"User":2,…},"rows":…}                                             trailer
//
// A table line says how many row lines follow, and the trailer repeats every count, so a file
// cut short anywhere is recognised. Rows are PostgreSQL's own JSON for the row (row_to_json):
// timestamps as ISO text with their precision, json/jsonb as JSON, bytea as \x… hex, arrays as
// arrays, bigint and numeric as exact number text, so they load back into either engine unchanged.
import { BackupError } from './errors';

export const BACKUP_FORMAT = 'galley-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** The newest migration applied to the database backed up. */
  schemaVersion: string;
  createdAt: string;
  engine: 'pglite' | 'postgres';
  /** Every table in the file, in the order they follow (parents before children). */
  tables: string[];
}

/** `key`: rows by primary key. `parents-first`: a self-referencing table's rows, each after the row it points to. */
export type RowOrder = 'key' | 'parents-first' | 'none';

export interface TableHeader {
  table: string;
  columns: string[];
  rows: number;
  rowOrder: RowOrder;
}

export interface BackupTrailer {
  end: true;
  tables: Record<string, number>;
  rows: number;
}

export const line = (value: BackupHeader | TableHeader | BackupTrailer) => `${JSON.stringify(value)}\n`;

function parseObject(text: string | undefined, what: string): Record<string, unknown> {
  if (text === undefined) throw new BackupError(`The backup file is truncated: it ends before ${what}.`);
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BackupError(`The backup file is damaged: expected ${what}, found something else.`);
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** The first line: refuses what is not a Galley backup, and a format newer than this code reads. */
export function parseHeader(text: string | undefined): BackupHeader {
  let value: Record<string, unknown>;
  try {
    value = parseObject(text, 'its header');
  } catch {
    throw new BackupError('This is not a Galley backup (no Galley backup header on its first line).');
  }
  if (value.format !== BACKUP_FORMAT) throw new BackupError('This is not a Galley backup (no Galley backup header on its first line).');
  const version = value.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BackupError('The backup header is damaged: formatVersion is not a version number.');
  }
  if (version > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This backup is format version ${version}, newer than this Galley reads (version ${BACKUP_FORMAT_VERSION}). ` +
        'Restore it with the Galley version that wrote it, or a newer one.',
    );
  }
  const { schemaVersion, createdAt, engine, tables } = value;
  if (
    typeof schemaVersion !== 'string' ||
    typeof createdAt !== 'string' ||
    (engine !== 'pglite' && engine !== 'postgres') ||
    !isStringArray(tables)
  ) {
    throw new BackupError('The backup header is damaged: schemaVersion, createdAt, engine or tables is missing.');
  }
  return { format: BACKUP_FORMAT, formatVersion: version, schemaVersion, createdAt, engine, tables };
}

/** A table line, expected to name `expected` (the header fixes the order). */
export function parseTableHeader(text: string | undefined, expected: string): TableHeader {
  const value = parseObject(text, `the rows of table "${expected}"`);
  if (value.table !== expected) {
    throw new BackupError(
      `The backup file is damaged: expected table "${expected}", found ${JSON.stringify(value.table ?? value)}.`.slice(0, 300),
    );
  }
  const { columns, rows, rowOrder } = value;
  if (!isStringArray(columns) || typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) {
    throw new BackupError(`The backup file is damaged: the line for table "${expected}" lacks its columns or row count.`);
  }
  const order: RowOrder = rowOrder === 'parents-first' || rowOrder === 'none' ? rowOrder : 'key';
  return { table: expected, columns, rows, rowOrder: order };
}

/** The last line: every table's count must be what was read. */
export function checkTrailer(text: string | undefined, counted: Map<string, number>): BackupTrailer {
  const value = parseObject(text, 'its closing line (row counts)');
  const tables = value.tables as Record<string, unknown> | undefined;
  if (value.end !== true || !tables || typeof tables !== 'object') {
    throw new BackupError('The backup file is damaged: its last line is not the closing line with the row counts.');
  }
  for (const [table, n] of counted) {
    if (tables[table] !== n) {
      throw new BackupError(
        `The backup file is damaged: table "${table}" has ${n} rows but its closing line says ${String(tables[table])}.`,
      );
    }
  }
  const extra = Object.keys(tables).find((t) => !counted.has(t));
  if (extra) throw new BackupError(`The backup file is damaged: its closing line counts table "${extra}", which it does not contain.`);
  return { end: true, tables: tables as Record<string, number>, rows: Number(value.rows) };
}

/**
 * A backup restores only into the schema it was taken from: the migrations create the same
 * tables and columns, and the row data needs no conversion.
 */
export function checkSchemaVersion(backup: string, database: string | undefined): void {
  if (backup === database) return;
  if (!database || backup > database) {
    throw new BackupError(
      `This backup was taken at schema ${backup}, newer than this Galley's (${database ?? 'none'}). ` +
        'Upgrade Galley to the version that wrote the backup, then restore.',
    );
  }
  throw new BackupError(
    `This backup was taken at schema ${backup}, older than this Galley's (${database}). ` +
      'Restore it with the Galley version that wrote it, start that version once, upgrade, and take a new backup.',
  );
}
