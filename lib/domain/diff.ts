// The block-aware comparison of two content snapshots. Blocks are matched by id (never
// by position or text), so a rewritten block is "changed" rather than removed + added,
// and a reordered one is "moved". Pure and cheap: only equality checks, no text diffing;
// the word-level diff of a body is left to the viewer, which runs it off the main thread.
import { canonicalJson } from './canonical';
import type { Block, Content, ModelSettings, Variable } from './content';
import { diffableBlock } from './includes';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';
export type BlockField = 'kind' | 'title' | 'body' | 'enabled';

export interface BlockDiff {
  id: string;
  status: DiffStatus;
  /** Its order relative to the other blocks present on both sides changed. */
  moved: boolean;
  before?: Block;
  after?: Block;
  changes: BlockField[];
  /** 0-based position among the `before` blocks. */
  fromIndex?: number;
  /** 0-based position among the `after` blocks. */
  toIndex?: number;
}

export type VariableField = 'type' | 'required' | 'default' | 'description';

export interface VariableDiff {
  name: string;
  status: DiffStatus;
  before?: Variable;
  after?: Variable;
  changes: VariableField[];
}

export interface ModelChange {
  /** "provider", "temperature", … or "params.<key>" for one top-level parameter. */
  key: string;
  before: unknown;
  after: unknown;
}

export interface DiffSummary {
  added: number;
  removed: number;
  changed: number;
  moved: number;
  unchanged: number;
  variablesChanged: number;
  modelChanged: number;
  identical: boolean;
}

export interface ContentDiff {
  blocks: BlockDiff[];
  variables: VariableDiff[];
  model: ModelChange[];
  summary: DiffSummary;
}

const BLOCK_FIELDS: BlockField[] = ['kind', 'title', 'body', 'enabled'];
const VARIABLE_FIELDS: VariableField[] = ['type', 'required', 'default', 'description'];
const MODEL_KEYS = ['provider', 'model', 'temperature', 'maxTokens', 'topP'] as const satisfies (keyof ModelSettings)[];

/** `before` is null when there is nothing to compare against (nothing published yet). */
export function diffContent(before: Content | null, after: Content): ContentDiff {
  const blocks = diffBlocks((before?.blocks ?? []).map(diffableBlock), after.blocks.map(diffableBlock));
  const variables = diffVariables(before?.variables ?? [], after.variables);
  const model = diffModel(before?.model ?? null, after.model);
  const count = (pred: (b: BlockDiff) => boolean) => blocks.filter(pred).length;
  const summary: DiffSummary = {
    added: count((b) => b.status === 'added'),
    removed: count((b) => b.status === 'removed'),
    changed: count((b) => b.status === 'changed'),
    moved: count((b) => b.moved),
    unchanged: count((b) => b.status === 'unchanged'),
    variablesChanged: variables.filter((v) => v.status !== 'unchanged').length,
    modelChanged: model.length,
    identical: false,
  };
  summary.identical =
    summary.added + summary.removed + summary.changed + summary.moved + summary.variablesChanged + summary.modelChanged === 0;
  return { blocks, variables, model, summary };
}

function diffBlocks(before: Block[], after: Block[]): BlockDiff[] {
  const fromIndex = new Map(before.map((b, i) => [b.id, i]));
  const toIndex = new Map(after.map((b, i) => [b.id, i]));
  // The blocks on both sides, in `after` order, by their old position. The longest
  // increasing run of old positions stayed put; every other shared block moved.
  const shared = after.filter((b) => fromIndex.has(b.id));
  const oldPositions = shared.map((b) => fromIndex.get(b.id)!);
  const stayed = new Set(longestIncreasingSubsequence(oldPositions).map((i) => shared[i]!.id));

  // A removed block is shown right after the nearest earlier block that stayed put (or
  // first), which is where it was relative to the blocks that did not move.
  const removedAfter = new Map<string | null, Block[]>();
  let anchor: string | null = null;
  for (const b of before) {
    if (stayed.has(b.id)) anchor = b.id;
    else if (!toIndex.has(b.id)) removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), b]);
  }
  const removed = (key: string | null): BlockDiff[] =>
    (removedAfter.get(key) ?? []).map((b) => ({
      id: b.id,
      status: 'removed',
      moved: false,
      before: b,
      changes: [],
      fromIndex: fromIndex.get(b.id),
    }));

  const out: BlockDiff[] = removed(null);
  after.forEach((b, i) => {
    const from = fromIndex.get(b.id);
    if (from === undefined) {
      out.push({ id: b.id, status: 'added', moved: false, after: b, changes: [], toIndex: i });
      return;
    }
    const old = before[from]!;
    const changes = BLOCK_FIELDS.filter((f) => old[f] !== b[f]);
    out.push({
      id: b.id,
      status: changes.length ? 'changed' : 'unchanged',
      moved: !stayed.has(b.id),
      before: old,
      after: b,
      changes,
      fromIndex: from,
      toIndex: i,
    });
    if (stayed.has(b.id)) out.push(...removed(b.id));
  });
  return out;
}

function diffVariables(before: Variable[], after: Variable[]): VariableDiff[] {
  const old = new Map(before.map((v) => [v.name, v]));
  const names = new Set(after.map((v) => v.name));
  const out: VariableDiff[] = after.map((v) => {
    const prev = old.get(v.name);
    if (!prev) return { name: v.name, status: 'added', after: v, changes: [] };
    const changes = VARIABLE_FIELDS.filter((f) => !sameJson(prev[f], v[f]));
    return { name: v.name, status: changes.length ? 'changed' : 'unchanged', before: prev, after: v, changes };
  });
  for (const v of before) {
    if (!names.has(v.name)) out.push({ name: v.name, status: 'removed', before: v, changes: [] });
  }
  return out;
}

function diffModel(before: ModelSettings | null, after: ModelSettings): ModelChange[] {
  const out: ModelChange[] = [];
  for (const key of MODEL_KEYS) {
    if (!sameJson(before?.[key], after[key])) out.push({ key, before: before?.[key], after: after[key] });
  }
  const beforeParams: Record<string, unknown> = before?.params ?? {};
  const afterParams: Record<string, unknown> = after.params ?? {};
  const keys = [...new Set([...Object.keys(beforeParams), ...Object.keys(afterParams)])].sort();
  for (const k of keys) {
    if (!sameJson(beforeParams[k], afterParams[k])) out.push({ key: `params.${k}`, before: beforeParams[k], after: afterParams[k] });
  }
  return out;
}

/** Equality of JSON values by canonical form, so key order never counts as a change. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The indices (ascending) of one longest strictly increasing subsequence of `seq`, in
 * O(n log n). Among equally long answers it picks the one ending in the smallest values, so
 * when two blocks swap places the one that moved up is the one reported as moved.
 */
export function longestIncreasingSubsequence(seq: number[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest tail of a run of length k+1
  const prev: number[] = new Array<number>(seq.length).fill(-1);
  seq.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (seq[tails[mid]!]! < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.at(-1) ?? -1; i !== -1; i = prev[i]!) out.push(i);
  return out.reverse();
}

export type DiffRow = { type: 'block'; block: BlockDiff } | { type: 'unchanged'; blocks: BlockDiff[] };

/**
 * Groups the blocks for display: each run of consecutive blocks that neither changed nor
 * moved becomes one collapsed row; every other block is a row of its own.
 */
export function groupDiffRows(blocks: BlockDiff[]): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const block of blocks) {
    const quiet = block.status === 'unchanged' && !block.moved;
    const last = rows.at(-1);
    if (quiet && last?.type === 'unchanged') last.blocks.push(block);
    else rows.push(quiet ? { type: 'unchanged', blocks: [block] } : { type: 'block', block });
  }
  return rows;
}
