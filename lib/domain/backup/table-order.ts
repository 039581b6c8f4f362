// The order a backup writes tables in, and what a restore must do to insert them with every
// foreign key and trigger on: parents before children (a topological sort of the foreign keys).
// A cycle (Prompt.headRevisionId → Revision → Prompt) is broken at a nullable column of a table
// without an UPDATE trigger: that column is inserted NULL and set once every table is in. A
// self-reference is deferred the same way, or, in a table whose rows may never change, its rows
// are written parents first instead.
import { BackupError } from './errors';

export interface CatalogTable {
  name: string;
  columns: { name: string; notNull: boolean }[];
  /** An UPDATE trigger (the immutability triggers): restore may only insert into it. */
  immutable: boolean;
}

export interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface TablePlan {
  /** Every table, parents first. */
  order: string[];
  /** Columns inserted NULL and set at the end, by table. */
  deferred: Map<string, string[]>;
  /** Self-referencing foreign keys whose rows the backup writes parents first. */
  parentsFirst: Map<string, ForeignKey>;
}

const nullable = (table: CatalogTable, columns: string[]) =>
  columns.every((c) => table.columns.find((col) => col.name === c)?.notNull === false);

function defer(plan: TablePlan, fk: ForeignKey) {
  const list = plan.deferred.get(fk.table) ?? [];
  for (const c of fk.columns) if (!list.includes(c)) list.push(c);
  plan.deferred.set(fk.table, list);
}

export function planTables(tables: CatalogTable[], foreignKeys: ForeignKey[]): TablePlan {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const plan: TablePlan = { order: [], deferred: new Map(), parentsFirst: new Map() };
  let edges: ForeignKey[] = [];
  for (const fk of foreignKeys) {
    const table = byName.get(fk.table);
    if (!table || !byName.has(fk.refTable)) continue; // a key into another schema: not ours to order
    if (fk.table !== fk.refTable) {
      edges.push(fk);
    } else if (!table.immutable && nullable(table, fk.columns)) {
      defer(plan, fk);
    } else if (plan.parentsFirst.has(fk.table)) {
      throw new BackupError(
        `Cannot back up table "${fk.table}": it references itself through more than one foreign key that cannot be deferred.`,
      );
    } else {
      plan.parentsFirst.set(fk.table, fk);
    }
  }
  const remaining = new Set([...byName.keys()].sort());
  while (remaining.size > 0) {
    const ready = [...remaining].find((t) => !edges.some((e) => e.table === t && remaining.has(e.refTable)));
    if (ready) {
      plan.order.push(ready);
      remaining.delete(ready);
      continue;
    }
    // A cycle: defer the first foreign key (by table, then name) that can be inserted NULL.
    const open = edges
      .filter((e) => remaining.has(e.table) && remaining.has(e.refTable))
      .sort((a, b) => a.table.localeCompare(b.table) || a.name.localeCompare(b.name));
    const breakable = open.find((e) => {
      const table = byName.get(e.table)!;
      return !table.immutable && nullable(table, e.columns);
    });
    if (!breakable) {
      throw new BackupError(
        `Cannot order tables ${[...new Set(open.map((e) => `"${e.table}"`))].join(', ')} for a restore: ` +
          'their foreign keys form a cycle with no nullable column in a table that allows updates.',
      );
    }
    defer(plan, breakable);
    edges = edges.filter((e) => e !== breakable);
  }
  return plan;
}

/**
 * Rows of a self-referencing table, each after the row its key points to (`key`: the row's own
 * referenced key; `parent`: the key it points to, or null). Returns the indexes in that order.
 */
export function parentsFirst(rows: { key: string; parent: string | null }[]): number[] {
  const index = new Map(rows.map((r, i) => [r.key, i]));
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  rows.forEach((r, i) => {
    const p = r.parent === null || r.parent === r.key ? undefined : index.get(r.parent);
    if (p === undefined) roots.push(i);
    else children.set(p, [...(children.get(p) ?? []), i]);
  });
  const out: number[] = [];
  const stack = roots.reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    out.push(i);
    stack.push(...(children.get(i) ?? []).reverse());
  }
  if (out.length !== rows.length) throw new BackupError('Cannot back up a self-referencing table whose rows form a cycle.');
  return out;
}

/**
 * A restore inserts tables in the file's order. Refuses a table whose parents are not in yet
 * (unless the plan defers that key), or a self-reference the file did not write parents first.
 */
export function checkArrival(
  table: string,
  loaded: ReadonlySet<string>,
  plan: TablePlan,
  foreignKeys: ForeignKey[],
  rowOrder: string,
): void {
  const deferred = plan.deferred.get(table) ?? [];
  for (const fk of foreignKeys) {
    if (fk.table !== table || fk.columns.every((c) => deferred.includes(c))) continue;
    if (fk.refTable === table) {
      if (rowOrder !== 'parents-first') {
        throw new BackupError(
          `The backup file cannot be restored: table "${table}" references itself but its rows are not written parents first.`,
        );
      }
    } else if (!loaded.has(fk.refTable) && plan.order.includes(fk.refTable)) {
      throw new BackupError(`The backup file cannot be restored: table "${table}" comes before "${fk.refTable}", which it references.`);
    }
  }
}
