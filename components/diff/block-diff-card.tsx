'use client';

import { useCallback, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { byteLength } from '@/lib/domain/canonical';
import { BLOCK_KIND_LABELS, type Block } from '@/lib/domain/content';
import type { BlockDiff } from '@/lib/domain/diff';
import { formatBytes } from '@/lib/domain/history';
import { requestLineComment, rightLineNumber } from '@/components/review/comment-line-event';
import { LazyTextDiff } from './lazy-text-diff';
import { WhenVisible } from './when-visible';

/** Bodies above this are diffed only on request: word-diffing them takes seconds. */
export const LARGE_BODY_BYTES = 50 * 1024;
/** Above this many lines the viewer virtualizes its rows. */
const VIRTUALIZE_LINES = 400;

/** Whether a block's card shows a text diff of its body. */
export function needsBodyDiff(diff: BlockDiff): boolean {
  return diff.status === 'added' || diff.status === 'removed' || diff.changes.includes('body');
}

/** The larger side of a block's body, in UTF-8 bytes. */
export function bodySize(diff: BlockDiff): number {
  return Math.max(byteLength(diff.before?.body ?? ''), byteLength(diff.after?.body ?? ''));
}

export function blockTitle(block: Block): string {
  return block.title.trim() || BLOCK_KIND_LABELS[block.kind];
}

const STATUS_BADGES = {
  added: { tone: 'green', text: 'Added' },
  removed: { tone: 'red', text: 'Removed' },
  changed: { tone: 'amber', text: 'Changed' },
  unchanged: { tone: 'neutral', text: 'Unchanged' },
} as const;

const BORDERS = {
  added: 'border-emerald-200',
  removed: 'border-red-200',
  changed: 'border-amber-200',
  unchanged: 'border-stone-200',
} as const;

export interface BlockDiffCardProps {
  diff: BlockDiff;
  splitView: boolean;
  beforeLabel: string;
  afterLabel: string;
  /** Mount the viewer straight away (the first few cards); others wait until scrolled to. */
  eager: boolean;
  /** The page has line comments on the right-hand side: its line numbers open the comment box. */
  commentable?: boolean;
}

export function BlockDiffCard({ diff, splitView, beforeLabel, afterLabel, eager, commentable = false }: BlockDiffCardProps) {
  const block = (diff.after ?? diff.before)!;
  const badge = STATUS_BADGES[diff.status];
  return (
    <li
      data-testid="diff-block"
      data-status={diff.status}
      data-moved={diff.moved}
      className={`rounded-lg border bg-white ${BORDERS[diff.status]}`}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-stone-100 px-3 py-2 text-sm">
        {diff.status !== 'unchanged' && <Badge tone={badge.tone}>{badge.text}</Badge>}
        {diff.moved && (
          <Badge tone="indigo" title="Its position relative to the other blocks changed">
            Moved from #{diff.fromIndex! + 1} to #{diff.toIndex! + 1}
          </Badge>
        )}
        {diff.status === 'unchanged' && <Badge>Content unchanged</Badge>}
        <Badge tone="indigo">{BLOCK_KIND_LABELS[block.kind]}</Badge>
        <span className={`font-medium text-stone-900 ${diff.status === 'removed' ? 'line-through decoration-red-400' : ''}`}>
          {blockTitle(block)}
        </span>
        {!block.enabled && <Badge>disabled</Badge>}
      </div>
      {diff.status === 'changed' && <FieldChanges diff={diff} />}
      {needsBodyDiff(diff) ? (
        <BodyDiff
          diff={diff}
          splitView={splitView}
          beforeLabel={beforeLabel}
          afterLabel={afterLabel}
          eager={eager}
          commentable={commentable}
        />
      ) : diff.status === 'changed' ? (
        <p className="px-3 py-2 text-xs text-stone-500">Body unchanged.</p>
      ) : null}
    </li>
  );
}

/** One line per changed title, kind or enabled flag; body changes show in the viewer. */
function FieldChanges({ diff }: { diff: BlockDiff }) {
  const { before, after } = diff;
  if (!before || !after) return null;
  const lines: string[] = [];
  if (diff.changes.includes('title')) lines.push(`Title: “${before.title}” → “${after.title}”`);
  if (diff.changes.includes('kind')) lines.push(`Kind: ${BLOCK_KIND_LABELS[before.kind]} → ${BLOCK_KIND_LABELS[after.kind]}`);
  if (diff.changes.includes('enabled')) lines.push(after.enabled ? 'Enabled (was disabled)' : 'Disabled (was enabled)');
  if (lines.length === 0) return null;
  return (
    <ul className="space-y-0.5 border-b border-stone-100 bg-amber-50/50 px-3 py-1.5 text-xs text-stone-700">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function BodyDiff({ diff, splitView, beforeLabel, afterLabel, eager, commentable }: BlockDiffCardProps) {
  const oldValue = diff.before?.body ?? '';
  const newValue = diff.after?.body ?? '';
  const size = bodySize(diff);
  const large = size > LARGE_BODY_BYTES;
  const [open, setOpen] = useState(eager && !large);
  const show = useCallback(() => setOpen(true), []);

  if (oldValue === '' && newValue === '') return <p className="px-3 py-2 text-xs text-stone-500">Empty body.</p>;
  if (!open) {
    const button = (
      <div className="flex items-center gap-3 px-3 py-3 text-sm text-stone-600">
        {large && <span>Large block ({formatBytes(size)})</span>}
        <Button variant="secondary" size="sm" onClick={show}>
          Show diff
        </Button>
      </div>
    );
    // A large body waits for the click; a small one also opens when scrolled into view.
    return large ? button : <WhenVisible onVisible={show}>{button}</WhenVisible>;
  }
  const lines = Math.max(countLines(oldValue), countLines(newValue));
  return (
    <LazyTextDiff
      oldValue={oldValue}
      newValue={newValue}
      splitView={splitView}
      leftTitle={diff.status === 'added' ? `${beforeLabel} (not present)` : beforeLabel}
      rightTitle={diff.status === 'removed' ? `${afterLabel} (removed)` : afterLabel}
      virtualize={large || lines > VIRTUALIZE_LINES}
      onLineNumberClick={commentable && diff.after ? (id, shift) => commentOnRightLine(diff.after!.id, id, shift) : undefined}
    />
  );
}

function countLines(s: string): number {
  let n = 1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function commentOnRightLine(blockId: string, lineId: string, extend: boolean) {
  const line = rightLineNumber(lineId);
  if (line !== null) requestLineComment({ blockId, line, extend });
}
