// The application's tables as the database catalog describes them, so a backup covers every
// table (one added by a later migration included) without a list in the code. Everything in
// the current schema but Prisma's migration bookkeeping.
import 'server-only';
import type { CatalogTable, ForeignKey } from '@/lib/domain/backup/table-order';
import type { RawSql } from '../migrate';

export const BOOKKEEPING_TABLE = '_prisma_migrations';

export interface Catalog {
  tables: (CatalogTable & { primaryKey: string[]; sequences: { column: string; sequence: string }[]; generated: string[] })[];
  foreignKeys: ForeignKey[];
}

const TABLES = `
SELECT c.relname AS name,
  (SELECT json_agg(json_build_object('name', a.attname, 'notNull', a.attnotnull, 'generated', a.attgenerated <> '',
      'sequence', pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)) ORDER BY a.attnum)
     FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::text AS columns,
  (SELECT json_agg(a.attname ORDER BY k.i) FROM pg_index x, unnest(x.indkey) WITH ORDINALITY k(num, i)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.num WHERE x.indrelid = c.oid AND x.indisprimary)::text AS "primaryKey",
  EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal AND (t.tgtype & 16) <> 0) AS immutable
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> '${BOOKKEEPING_TABLE}'
ORDER BY c.relname`;

const FOREIGN_KEYS = `
SELECT con.conname AS name, c.relname AS "table", r.relname AS "refTable",
  (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num)::text AS columns,
  (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)::text AS "refColumns"
FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE con.contype = 'f' AND n.nspname = current_schema()
ORDER BY c.relname, con.conname`;

interface ColumnRow {
  name: string;
  notNull: boolean;
  generated: boolean;
  sequence: string | null;
}

export async function readCatalog(sql: RawSql): Promise<Catalog> {
  const tables = await sql.query<{ name: string; columns: string; primaryKey: string | null; immutable: boolean }>(TABLES);
  const fks = await sql.query<{ name: string; table: string; refTable: string; columns: string; refColumns: string }>(FOREIGN_KEYS);
  return {
    tables: tables.map((t) => {
      const columns = JSON.parse(t.columns) as ColumnRow[];
      return {
        name: t.name,
        immutable: t.immutable,
        primaryKey: t.primaryKey ? (JSON.parse(t.primaryKey) as string[]) : [],
        columns: columns.map(({ name, notNull }) => ({ name, notNull })),
        generated: columns.filter((c) => c.generated).map((c) => c.name),
        sequences: columns.filter((c) => c.sequence).map((c) => ({ column: c.name, sequence: c.sequence! })),
      };
    }),
    foreignKeys: fks.map((f) => ({
      name: f.name,
      table: f.table,
      refTable: f.refTable,
      columns: JSON.parse(f.columns) as string[],
      refColumns: JSON.parse(f.refColumns) as string[],
    })),
  };
}

/** The newest migration the database records as applied: the backup's schema version. */
export async function schemaVersion(sql: RawSql): Promise<string | undefined> {
  const rows = await sql.query<{ name: string | null }>(
    `SELECT max(migration_name) AS name FROM "${BOOKKEEPING_TABLE}" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return rows[0]?.name ?? undefined;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
