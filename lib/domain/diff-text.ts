// The block-aware diff (diff.ts) as plain text, for readers with no diff viewer: the MCP
// endpoint's compare_versions tool hands it to a model or a terminal. Blocks keep the
// viewer's order (removed blocks where they stood); a changed body is a unified line diff.
import { structuredPatch } from 'diff';
import type { Block } from './content';
import { groupDiffRows, type BlockDiff, type ContentDiff, type DiffSummary, type VariableDiff } from './diff';

const CONTEXT_LINES = 2;
const INDENT = '    ';

/** `before` and `after` name the two sides, e.g. "v2" and "v3". */
export function formatDiffText(diff: ContentDiff, before: string, after: string): string {
  if (diff.summary.identical) return `${before} and ${after} are identical.`;
  const out = [`Changes from ${before} to ${after}: ${summaryLine(diff.summary)}.`];
  const blocks = groupDiffRows(diff.blocks).flatMap((row) =>
    row.type === 'block' ? blockLines(row.block) : [`  (${plural(row.blocks.length, 'unchanged block')})`],
  );
  if (blocks.length > 0) out.push('', 'Blocks:', ...blocks);
  const variables = diff.variables.filter((v) => v.status !== 'unchanged').map(variableLine);
  if (variables.length > 0) out.push('', 'Variables:', ...variables);
  if (diff.model.length > 0) {
    out.push('', 'Model settings:', ...diff.model.map((m) => `~ ${m.key}: ${value(m.before)} → ${value(m.after)}`));
  }
  return out.join('\n');
}

function summaryLine(s: DiffSummary): string {
  const parts = [
    s.changed && `${s.changed} changed`,
    s.added && `${s.added} added`,
    s.removed && `${s.removed} removed`,
    s.moved && `${s.moved} moved`,
  ].filter(Boolean);
  return [
    parts.length > 0 && `blocks ${parts.join(', ')}`,
    s.variablesChanged && plural(s.variablesChanged, 'variable') + ' changed',
    s.modelChanged && plural(s.modelChanged, 'model setting') + ' changed',
  ]
    .filter(Boolean)
    .join('; ');
}

function blockLines(b: BlockDiff): string[] {
  const block = (b.after ?? b.before)!;
  const name = `"${block.title || block.id}" (${block.kind}, id ${block.id})`;
  if (b.status === 'added') return [`+ ${name} added at ${position(b.toIndex)}`, ...bodyLines(block, '+')];
  if (b.status === 'removed') return [`- ${name} removed from ${position(b.fromIndex)}`, ...bodyLines(block, '-')];
  const moved = b.moved ? `moved from ${position(b.fromIndex)} to ${position(b.toIndex)}` : '';
  if (b.status === 'unchanged') return [`↕ ${name} ${moved}`];
  const lines = [`~ ${name} changed${moved ? `, ${moved}` : ''}`];
  for (const field of b.changes) {
    if (field !== 'body') lines.push(`${INDENT}${field}: ${value(b.before![field])} → ${value(b.after![field])}`);
  }
  if (b.changes.includes('body')) lines.push(...bodyDiff(b.before!.body, b.after!.body));
  return lines;
}

function bodyLines(block: Block, sign: '+' | '-'): string[] {
  return block.body === '' ? [] : block.body.split('\n').map((line) => `${INDENT}${sign}${line}`);
}

function bodyDiff(before: string, after: string): string[] {
  // Both sides end in a newline, so a last line without one is not reported as changed.
  const patch = structuredPatch('before', 'after', `${before}\n`, `${after}\n`, undefined, undefined, { context: CONTEXT_LINES });
  return patch.hunks.flatMap((hunk) => [
    `${INDENT}@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines.map((line) => INDENT + line),
  ]);
}

function variableLine(v: VariableDiff): string {
  if (v.status === 'added') return `+ ${v.name}: ${describeVariable(v.after!)}`;
  if (v.status === 'removed') return `- ${v.name}: ${describeVariable(v.before!)}`;
  const changes = v.changes.map((field) => `${field} ${value(v.before![field])} → ${value(v.after![field])}`);
  return `~ ${v.name}: ${changes.join(', ')}`;
}

function describeVariable(v: NonNullable<VariableDiff['after']>): string {
  return [v.type, v.required ? 'required' : 'optional', v.default !== undefined && `default ${value(v.default)}`]
    .filter(Boolean)
    .join(', ');
}

const position = (index: number | undefined) => `position ${(index ?? 0) + 1}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** Absent is "(none)"; everything else as JSON, so "" and "0" stay visible. */
const value = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
