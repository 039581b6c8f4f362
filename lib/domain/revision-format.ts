export type Ref = { kind: 'revision' | 'release'; number: number };

export function formatRevision(n: number): string {
  return `r${n}`;
}

export function formatVersion(n: number): string {
  return `v${n}`;
}

/** Parses "r12" or "v3". Numbering starts at 1, and "r012" is refused so each ref has one spelling. */
export function parseRef(s: string): Ref | null {
  const match = /^([rv])([1-9]\d*)$/.exec(s);
  if (!match) return null;
  const number = Number(match[2]);
  if (!Number.isSafeInteger(number)) return null;
  return { kind: match[1] === 'r' ? 'revision' : 'release', number };
}
