// Reads a prompt file back into the prompt it was written from. Strict: anything that is not
// front matter, a block section or a blank line is an error naming its line, so a broken edit
// (a lost fence, a stray line) is caught before it reaches the server.
import type { Block } from '../types.js';
import { parseAttributes } from './fence.js';
import { PromptFileError } from './errors.js';
import { readFrontMatter } from './front-matter.js';
import { BLOCK_KINDS, type PromptFile } from './types.js';

export interface ParsedPromptFile {
  file: PromptFile;
  /**
   * The line of a server field path such as `name`, `variables.1.default` or `blocks.2.body`,
   * so the server's field errors can point into the file.
   */
  lineOf: (fieldPath: string) => number;
}

const OPENING_RE = /^(`{3,})block(?=\s|$)(.*)$/;
const BLOCK_ATTRS = ['kind', 'id', 'enabled', 'title', 'include', 'pin', 'placeholder', 'required'];

export function parsePromptFile(text: string): ParsedPromptFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // the newline that ends the last line
  if (lines[0] !== '---') throw new PromptFileError(1, 'a prompt file starts with "---", the front matter\'s first line');
  const close = lines.indexOf('---', 1);
  if (close === -1) throw new PromptFileError(lines.length, 'the front matter has no closing "---" line');
  const yaml = lines.slice(1, close).join('\n') + '\n';
  const { front, lineOf: frontLine } = readFrontMatter(yaml, 2);

  const blocks: Block[] = [];
  const blockLines: number[] = [];
  let i = close + 1;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
      continue;
    }
    const opening = OPENING_RE.exec(line);
    if (!opening) throw new PromptFileError(i + 1, 'expected a block section ("```block kind=… id=… enabled=… title=…") or a blank line');
    const fence = opening[1]!;
    const end = lines.indexOf(fence, i + 1);
    if (end === -1) throw new PromptFileError(i + 1, `this block has no closing ${fence} line`);
    blocks.push(readHeader(opening[2]!, i + 1, lines.slice(i + 1, end).join('\n')));
    blockLines.push(i + 1);
    i = end + 1;
  }

  const { variables, model, ...meta } = front;
  const lineOf = (fieldPath: string) => {
    const parts = fieldPath.split('.').filter(Boolean);
    if (parts[0] === 'blocks' && parts[1] !== undefined) {
      const at = blockLines[Number(parts[1])];
      if (at !== undefined) return parts[2] === 'body' ? Math.min(at + 1, lines.length) : at;
      return blockLines[0] ?? close + 1;
    }
    return frontLine(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
  };
  return { file: { ...meta, content: { blocks, variables, model } }, lineOf };
}

function readHeader(attributes: string, line: number, body: string): Block {
  let attrs: Map<string, string>;
  try {
    attrs = parseAttributes(attributes);
  } catch (error) {
    throw new PromptFileError(line, (error as Error).message);
  }
  for (const name of attrs.keys()) {
    if (!BLOCK_ATTRS.includes(name))
      throw new PromptFileError(line, `unknown block attribute "${name}" (expected ${BLOCK_ATTRS.join(', ')})`);
  }
  const kind = attrs.get('kind');
  if (kind === undefined || !(BLOCK_KINDS as readonly string[]).includes(kind)) {
    throw new PromptFileError(line, `a block needs kind=… with one of ${BLOCK_KINDS.join(', ')}`);
  }
  const id = attrs.get('id');
  if (id === undefined || id === '')
    throw new PromptFileError(line, 'a block needs id=… (letters, digits, "_" or "-"), kept from pull to push');
  const enabled = attrs.get('enabled') ?? 'true';
  if (enabled !== 'true' && enabled !== 'false') throw new PromptFileError(line, 'enabled= must be true or false');
  const block: Block = { id, kind, title: attrs.get('title') ?? '', body, enabled: enabled === 'true' };
  const only = (names: string[], forKind: string) => {
    for (const name of names) {
      if (kind !== forKind && attrs.has(name)) throw new PromptFileError(line, `only a kind=${forKind} block has ${name}=…`);
    }
  };
  only(['include', 'pin'], 'include');
  only(['placeholder', 'required'], 'placeholder');
  if (kind === 'include') block.include = readInclude(attrs, line);
  if (kind === 'placeholder') {
    const name = attrs.get('placeholder');
    if (!name) throw new PromptFileError(line, 'a placeholder block needs placeholder=… (its name, for example history)');
    const required = attrs.get('required') ?? 'false';
    if (required !== 'true' && required !== 'false') throw new PromptFileError(line, 'required= must be true or false');
    block.placeholder = { name, required: required === 'true' };
  }
  return block;
}

function readInclude(attrs: Map<string, string>, line: number): NonNullable<Block['include']> {
  const promptSlug = attrs.get('include');
  if (!promptSlug) throw new PromptFileError(line, 'an include block needs include=… (the slug of the prompt it includes)');
  const pin = attrs.get('pin') ?? 'production';
  if (pin === 'production') return { promptSlug, pin };
  const release = /^v([1-9][0-9]*)$/.exec(pin);
  if (!release) throw new PromptFileError(line, `pin= must be production or a release such as v3 (got "${pin}")`);
  return { promptSlug, pin: { release: Number(release[1]) } };
}
