import { describe, expect, it } from 'vitest';
import { checkArrival, parentsFirst, planTables, type CatalogTable, type ForeignKey } from './table-order';

const table = (name: string, nullable: string[] = [], immutable = false): CatalogTable => ({
  name,
  immutable,
  columns: [{ name: 'id', notNull: true }, ...['a', 'b', 'parentId', 'headId'].map((c) => ({ name: c, notNull: !nullable.includes(c) }))],
});
const fk = (t: string, column: string, ref: string): ForeignKey => ({
  name: `${t}_${column}_fkey`,
  table: t,
  columns: [column],
  refTable: ref,
  refColumns: ['id'],
});

describe('planTables', () => {
  it('puts every parent before its children, ties by name', () => {
    const plan = planTables([table('C'), table('B'), table('A'), table('D')], [fk('C', 'a', 'B'), fk('B', 'a', 'A'), fk('D', 'a', 'A')]);
    expect(plan.order).toEqual(['A', 'B', 'C', 'D']);
    expect(plan.deferred.size).toBe(0);
  });

  it("breaks a cycle at the nullable key of the table that allows updates (Galley's prompt head)", () => {
    const plan = planTables(
      [table('Prompt', ['headId']), table('Revision', [], true), table('Workspace')],
      [fk('Prompt', 'a', 'Workspace'), fk('Prompt', 'headId', 'Revision'), fk('Revision', 'a', 'Prompt')],
    );
    expect(plan.order).toEqual(['Workspace', 'Prompt', 'Revision']);
    expect(plan.deferred).toEqual(new Map([['Prompt', ['headId']]]));
  });

  it('refuses a cycle it cannot break without updating an immutable table or nulling a required key', () => {
    expect(() => planTables([table('A'), table('B', ['a'], true)], [fk('A', 'a', 'B'), fk('B', 'a', 'A')])).toThrow(
      'Cannot order tables "A", "B" for a restore',
    );
  });

  it('defers a nullable self-reference, and writes an immutable one parents first', () => {
    const plan = planTables(
      [table('Comment', ['parentId']), table('Ledger', ['parentId'], true)],
      [fk('Comment', 'parentId', 'Comment'), fk('Ledger', 'parentId', 'Ledger')],
    );
    expect(plan.deferred).toEqual(new Map([['Comment', ['parentId']]]));
    expect([...plan.parentsFirst.keys()]).toEqual(['Ledger']);
  });

  it('ignores keys into tables outside the backup', () => {
    expect(planTables([table('A')], [fk('A', 'a', 'ElsewhereTable')]).order).toEqual(['A']);
  });
});

describe('checkArrival', () => {
  const tables = [table('Prompt', ['headId']), table('Revision', [], true), table('Ledger', [], true)];
  const fks = [fk('Prompt', 'headId', 'Revision'), fk('Revision', 'a', 'Prompt'), fk('Ledger', 'parentId', 'Ledger')];
  const plan = planTables(tables, fks);
  it('accepts the planned order and refuses a child before its parent', () => {
    expect(() => checkArrival('Prompt', new Set(), plan, fks, 'key')).not.toThrow();
    expect(() => checkArrival('Revision', new Set(), plan, fks, 'key')).toThrow('table "Revision" comes before "Prompt"');
  });
  it('refuses a self-reference whose rows were not written parents first', () => {
    expect(() => checkArrival('Ledger', new Set(), plan, fks, 'key')).toThrow('not written parents first');
    expect(() => checkArrival('Ledger', new Set(), plan, fks, 'parents-first')).not.toThrow();
  });
});

describe('parentsFirst', () => {
  it('orders each row after the one it points to', () => {
    const rows = [
      { key: 'c', parent: 'b' },
      { key: 'b', parent: 'a' },
      { key: 'a', parent: null },
      { key: 'd', parent: 'a' },
    ];
    const order = parentsFirst(rows).map((i) => rows[i]!.key);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('d'));
    expect(order).toHaveLength(4);
  });
  it('refuses rows that point at each other in a ring', () => {
    expect(() =>
      parentsFirst([
        { key: 'a', parent: 'b' },
        { key: 'b', parent: 'a' },
      ]),
    ).toThrow('cycle');
  });
});
