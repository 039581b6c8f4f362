'use client';

import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { BLOCK_KIND_LABELS } from '@/lib/domain/content';
import type { BlockDiff } from '@/lib/domain/diff';
import { blockTitle } from './block-diff-card';

/** A run of blocks that neither changed nor moved: one row, expanded on request. */
export function UnchangedRun({ blocks }: { blocks: BlockDiff[] }) {
  const [open, setOpen] = useState(false);
  if (blocks.length === 1) return <UnchangedBlock diff={blocks[0]!} />;
  if (open) return blocks.map((b) => <UnchangedBlock key={b.id} diff={b} />);
  return (
    <li
      data-testid="diff-unchanged-run"
      data-count={blocks.length}
      className="flex items-center gap-3 rounded-lg border border-dashed border-stone-300 bg-stone-50 px-3 py-2 text-sm text-stone-600"
    >
      <span>{blocks.length} unchanged blocks</span>
      <Button
        variant="ghost"
        size="sm"
        className="ml-auto"
        onClick={() => setOpen(true)}
        aria-label={`Show ${blocks.length} unchanged blocks`}
      >
        Show
      </Button>
    </li>
  );
}

function UnchangedBlock({ diff }: { diff: BlockDiff }) {
  const [open, setOpen] = useState(false);
  const block = diff.after!;
  const title = blockTitle(block);
  return (
    <li
      data-testid="diff-block"
      data-status="unchanged"
      data-moved="false"
      className="rounded-lg border border-stone-200 bg-stone-50 text-sm"
    >
      <div className="flex flex-wrap items-center gap-2 px-3 py-2 text-stone-600">
        <span>
          Unchanged: <span className="font-medium text-stone-800">{title}</span>
        </span>
        <Badge>{BLOCK_KIND_LABELS[block.kind]}</Badge>
        {!block.enabled && <Badge>disabled</Badge>}
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
          aria-label={`${open ? 'Hide' : 'Show'} ${title}`}
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </div>
      {open && (
        <pre className="max-h-96 overflow-auto whitespace-pre-wrap border-t border-stone-200 bg-white px-3 py-2 font-mono text-xs text-stone-800">
          {block.body || '—'}
        </pre>
      )}
    </li>
  );
}
