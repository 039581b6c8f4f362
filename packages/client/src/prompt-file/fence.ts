// The block section's fence: a run of backticks longer than any run inside the body, so no
// line of the body can ever be read as the closing fence (CommonMark's rule for code fences).

export function fenceFor(body: string): string {
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Attributes in the fence's info string, in the order they are written. */
export interface BlockHeader {
  kind: string;
  id: string;
  enabled: boolean;
  title: string;
  /** An include block: the included prompt and its pin (`production` or `v3`). */
  include?: { promptSlug: string; pin: 'production' | { release: number } };
  /** A placeholder block: its name and whether render requires it. */
  placeholder?: { name: string; required: boolean };
}

// Titles are JSON strings; a backtick is escaped because CommonMark forbids one in the info
// string of a backtick fence, and GitHub would then render the section wrongly.
export const quoteTitle = (title: string) => JSON.stringify(title).replace(/`/g, '\\u0060');

export function formatHeader(fence: string, h: BlockHeader): string {
  let extra = '';
  if (h.include)
    extra += ` include=${h.include.promptSlug} pin=${h.include.pin === 'production' ? 'production' : `v${h.include.pin.release}`}`;
  if (h.placeholder) extra += ` placeholder=${h.placeholder.name} required=${h.placeholder.required}`;
  return `${fence}block kind=${h.kind} id=${h.id} enabled=${h.enabled} title=${quoteTitle(h.title)}${extra}`;
}

const ATTR_RE = /\s*([a-z]+)=("(?:[^"\\]|\\.)*"|[^\s"]+)/y;

/** Parses ` kind=… id=… …` into raw strings; throws a message (the caller adds the line). */
export function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    ATTR_RE.lastIndex = at;
    const match = ATTR_RE.exec(text);
    if (!match) throw new Error(`cannot read the block attributes at "${text.slice(at).trim()}" (expected name=value)`);
    const [, name, raw] = match as unknown as [string, string, string];
    if (attrs.has(name)) throw new Error(`the block attribute "${name}" is given twice`);
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        throw new Error(`the block attribute "${name}" is not a valid JSON string`);
      }
    }
    attrs.set(name, value);
    at = ATTR_RE.lastIndex;
  }
  return attrs;
}
