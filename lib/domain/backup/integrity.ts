// What a restore recomputes before it commits: every revision's and release's contentHash from
// its content, with the same function that computed it on save (so also the read API's ETag).
import type { Content } from '../content';
import { contentHash } from '../hash';
import { BackupError } from './errors';

/** Tables whose rows carry `content` and the `contentHash` computed from it. */
export const HASHED_TABLES: ReadonlySet<string> = new Set(['Revision', 'Release']);

export interface HashMismatch {
  table: string;
  id: string;
  expected: string;
  actual: string;
}

/** The mismatch of one row (a row object as the backup stores it), or null when it hashes right. */
export function hashMismatch(table: string, row: Record<string, unknown>): HashMismatch | null {
  const expected = String(row.contentHash);
  let actual: string;
  try {
    actual = contentHash(row.content as Content);
  } catch {
    actual = '(content that cannot be hashed)';
  }
  return actual === expected ? null : { table, id: String(row.id), expected, actual };
}

export function mismatchError(m: HashMismatch): BackupError {
  return new BackupError(
    `Integrity check failed: ${m.table} ${m.id} records contentHash ${m.expected}, but its content hashes to ${m.actual}. ` +
      'The backup file was changed or damaged; nothing was restored.',
  );
}

/** Refuses a table whose row count differs from what its line in the file announced. */
export function checkRowCount(table: string, announced: number, read: number): void {
  if (announced !== read) {
    throw new BackupError(`The backup file is damaged: table "${table}" announces ${announced} rows, but ${read} follow.`);
  }
}
