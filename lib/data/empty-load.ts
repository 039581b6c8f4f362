// Prisma loads a to-one relation with a query of its own, and when every parent's key is null
// it still sends `SELECT … FROM "T" WHERE "T"."id" IN (NULL) OFFSET $1` (and `WHERE 1=0` for an
// empty `in`). Neither can match a row (`x IN (NULL)` is never true), yet each costs a round
// trip into the embedded engine (~0.7 ms; a prompt page sent 14). This recognizes exactly
// that shape, nothing looser, so lib/data/db.ts can answer it with no rows.
const COLUMN = String.raw`"\w+"\."\w+"\."(\w+)"(?:::\w+)?`;
const CANNOT_MATCH = new RegExp(
  String.raw`^SELECT ((?:${COLUMN}, )*${COLUMN}) FROM "\w+"\."\w+" WHERE (?:"\w+"\."\w+"\."\w+" IN \(NULL\)|1=0) OFFSET \$1$`,
);
const COLUMN_NAME = new RegExp(COLUMN, 'g');

/** The column names of a SELECT that cannot return a row, or null for any other statement. */
export function cannotMatchColumns(sql: string, params: readonly unknown[] | undefined): string[] | null {
  if (params?.length !== 1 || !sql.startsWith('SELECT ')) return null;
  const m = CANNOT_MATCH.exec(sql);
  if (!m) return null;
  return [...m[1]!.matchAll(COLUMN_NAME)].map((c) => c[1]!);
}
