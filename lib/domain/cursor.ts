// The keyset cursor that paged lists hand out: base64url of "<ISO time>|<id>", opaque to
// clients. Anything that does not decode to a time in range and an id means "first page".
const LATEST_MS = Date.UTC(9999, 11, 31);

export interface Cursor {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): Cursor | null {
  if (!cursor || !/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const ms = Date.parse(iso ?? '');
  return id && Number.isFinite(ms) && ms >= 0 && ms <= LATEST_MS ? { at: new Date(ms), id } : null;
}
