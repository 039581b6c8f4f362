'use client';

import { useMemo } from 'react';
import type { Content } from '@/lib/domain/content';
import { diffContent, groupDiffRows, type ContentDiff as Diff } from '@/lib/domain/diff';
import { BlockDiffCard, bodySize, LARGE_BODY_BYTES, needsBodyDiff } from './block-diff-card';
import { DiffSummary } from './diff-summary';
import { ModelDiff } from './model-diff';
import { UnchangedRun } from './unchanged-run';
import { useDiffViewMode, type DiffViewMode } from './use-diff-view-mode';
import { VariablesDiff } from './variables-diff';

/** Viewers mounted with the page; the rest mount when scrolled to or asked for. */
const EAGER_VIEWERS = 8;

export interface ContentDiffProps {
  /** null when there is nothing to compare against: every block is then added. */
  before: Content | null;
  after: Content;
  beforeLabel: string;
  afterLabel: string;
  /** The page comments on the right-hand side: clicking its line numbers opens the comment box. */
  commentable?: boolean;
}

/** The block-aware diff of two snapshots: summary, blocks, variables and model settings. */
export function ContentDiff({ before, after, beforeLabel, afterLabel, commentable = false }: ContentDiffProps) {
  const diff = useMemo(() => diffContent(before, after), [before, after]);
  const rows = useMemo(() => groupDiffRows(diff.blocks), [diff]);
  const eager = useMemo(() => eagerBlockIds(diff), [diff]);
  const [mode, setMode] = useDiffViewMode();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <DiffSummary summary={diff.summary} />
        <ViewModeToggle mode={mode} onChange={setMode} />
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
          No blocks on either side.
        </p>
      ) : (
        <ol aria-label="Blocks" className="space-y-3">
          {rows.map((row) =>
            row.type === 'unchanged' ? (
              <UnchangedRun key={`run-${row.blocks[0]!.id}`} blocks={row.blocks} />
            ) : (
              <BlockDiffCard
                key={row.block.id}
                diff={row.block}
                splitView={mode === 'split'}
                beforeLabel={beforeLabel}
                afterLabel={afterLabel}
                eager={eager.has(row.block.id)}
                commentable={commentable}
              />
            ),
          )}
        </ol>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <VariablesDiff variables={diff.variables} beforeLabel={beforeLabel} afterLabel={afterLabel} />
        <ModelDiff changes={diff.model} beforeLabel={beforeLabel} afterLabel={afterLabel} />
      </div>
    </div>
  );
}

function eagerBlockIds(diff: Diff): Set<string> {
  const ids = new Set<string>();
  for (const block of diff.blocks) {
    if (ids.size >= EAGER_VIEWERS) break;
    if (needsBodyDiff(block) && bodySize(block) <= LARGE_BODY_BYTES) ids.add(block.id);
  }
  return ids;
}

function ViewModeToggle({ mode, onChange }: { mode: DiffViewMode; onChange: (mode: DiffViewMode) => void }) {
  const options: { value: DiffViewMode; label: string }[] = [
    { value: 'split', label: 'Side by side' },
    { value: 'unified', label: 'Unified' },
  ];
  return (
    <div role="group" aria-label="Diff layout" className="inline-flex rounded-md border border-stone-300 bg-white p-0.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={mode === o.value}
          onClick={() => onChange(o.value)}
          className={`rounded px-2.5 py-1 text-xs font-medium ${mode === o.value ? 'bg-indigo-600 text-white' : 'text-stone-700 hover:bg-stone-100'}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
