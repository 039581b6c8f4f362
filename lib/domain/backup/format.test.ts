import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT_VERSION, checkSchemaVersion, checkTrailer, line, parseHeader, parseTableHeader, type BackupHeader } from './format';

const header: BackupHeader = {
  format: 'galley-backup',
  formatVersion: BACKUP_FORMAT_VERSION,
  schemaVersion: '20261202014203_x',
  createdAt: '2026-12-02T06:00:00.000Z',
  engine: 'pglite',
  tables: ['User', 'Workspace'],
};

describe('backup format', () => {
  it('reads back the header it writes, one line', () => {
    const text = line(header);
    expect(text.endsWith('\n') && !text.slice(0, -1).includes('\n')).toBe(true);
    expect(parseHeader(text.trim())).toEqual(header);
  });

  it('refuses what is not a Galley backup, and says so', () => {
    for (const text of [undefined, '', 'PGDMP', '{"format":"other"}', '[1]']) {
      expect(() => parseHeader(text)).toThrow('This is not a Galley backup');
    }
  });

  it('refuses a newer format version, naming both versions and what to do', () => {
    const newer = JSON.stringify({ ...header, formatVersion: BACKUP_FORMAT_VERSION + 1 });
    expect(() => parseHeader(newer)).toThrow(
      `This backup is format version ${BACKUP_FORMAT_VERSION + 1}, newer than this Galley reads (version ${BACKUP_FORMAT_VERSION}). Restore it with the Galley version that wrote it, or a newer one.`,
    );
  });

  it('expects the tables in the order the header lists them', () => {
    const th = { table: 'User', columns: ['id'], rows: 2, rowOrder: 'key' as const };
    expect(parseTableHeader(JSON.stringify(th), 'User')).toEqual(th);
    expect(() => parseTableHeader(JSON.stringify(th), 'Workspace')).toThrow('expected table "Workspace"');
    expect(() => parseTableHeader(undefined, 'User')).toThrow('The backup file is truncated: it ends before the rows of table "User".');
    expect(() => parseTableHeader('{"table":"User","columns":["id"]}', 'User')).toThrow('lacks its columns or row count');
  });

  it('checks the closing line against the rows read: a missing one is truncation', () => {
    const counted = new Map([
      ['User', 2],
      ['Workspace', 1],
    ]);
    expect(checkTrailer(JSON.stringify({ end: true, tables: { User: 2, Workspace: 1 }, rows: 3 }), counted).rows).toBe(3);
    expect(() => checkTrailer(undefined, counted)).toThrow('truncated');
    expect(() => checkTrailer(JSON.stringify({ end: true, tables: { User: 3, Workspace: 1 } }), counted)).toThrow(
      'table "User" has 2 rows but its closing line says 3',
    );
    expect(() => checkTrailer(JSON.stringify({ end: true, tables: { User: 2, Workspace: 1, Extra: 0 } }), counted)).toThrow('"Extra"');
    expect(() => checkTrailer('{"id":"a row"}', counted)).toThrow('not the closing line');
  });

  it('restores only into the same schema version, saying which way to go', () => {
    expect(() => checkSchemaVersion('20261202_b', '20261202_b')).not.toThrow();
    expect(() => checkSchemaVersion('20261203_c', '20261202_b')).toThrow('newer than this Galley');
    expect(() => checkSchemaVersion('20261201_a', '20261202_b')).toThrow('older than this Galley');
  });
});
