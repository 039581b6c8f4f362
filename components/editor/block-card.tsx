'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { BLOCK_KINDS, BLOCK_KIND_LABELS, type Block } from '@/lib/domain/content';
import { IncludeCard } from './include-card';
import { LazyBodyEditor } from './lazy-body-editor';
import { PlaceholderFields } from './placeholder-fields';

// Include and placeholder blocks carry fields of their own, so a block never changes into
// or out of one of those kinds; they are added as new blocks instead.
const TEXT_KINDS = BLOCK_KINDS.filter((k) => k !== 'include' && k !== 'placeholder');

// Bodies of the first blocks are server-rendered as text (they are on the first screen); the
// rest render an empty box of the same height until they near the viewport (LazyBodyEditor).
const EAGER_BODIES = 8;

export interface BlockCardProps {
  block: Block;
  index: number;
  count: number;
  readOnly: boolean;
  variables: string[];
  issues: string[];
  // By block id, so the list can pass the same functions to every card (BlockCard is memoized).
  onChange: (id: string, patch: Partial<Omit<Block, 'id'>>) => void;
  onDuplicate: (id: string) => void;
  onDelete: (id: string) => void;
  onMove: (id: string, toIndex: number) => void;
  onBlur: () => void;
  onSaveShortcut: () => void;
}

// Memoized: typing in one block of 200 re-renders that card only (its props are stable).
export const BlockCard = memo(function BlockCard(props: BlockCardProps) {
  const { block, index, count, readOnly } = props;
  const change = (patch: Partial<Omit<Block, 'id'>>) => props.onChange(block.id, patch);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: block.id, disabled: readOnly });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const label = block.title || BLOCK_KIND_LABELS[block.kind];
  const special = block.kind === 'include' || block.kind === 'placeholder';
  return (
    <li
      ref={setNodeRef}
      style={style}
      data-testid="block"
      data-block-id={block.id}
      aria-label={`Block ${index + 1}: ${label}`}
      className={`rounded-lg border bg-white ${isDragging ? 'z-10 border-indigo-300 shadow-lg' : 'border-stone-200'} ${block.enabled ? '' : 'opacity-70'}`}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-stone-100 px-2 py-1.5">
        {!readOnly && (
          <button
            type="button"
            aria-label={`Drag to reorder ${label}`}
            className="cursor-grab rounded px-1 text-stone-400 hover:bg-stone-100 active:cursor-grabbing"
            {...attributes}
            {...listeners}
          >
            ⠿
          </button>
        )}
        <select
          aria-label={`Kind of ${label}`}
          value={block.kind}
          disabled={readOnly || special}
          onChange={(e) => change({ kind: e.target.value as Block['kind'] })}
          onBlur={props.onBlur}
          className="rounded border border-stone-200 bg-stone-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800"
        >
          {(special ? [block.kind] : TEXT_KINDS).map((k) => (
            <option key={k} value={k}>
              {BLOCK_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <input
          aria-label={`Title of block ${index + 1}`}
          value={block.title}
          readOnly={readOnly}
          maxLength={300}
          onChange={(e) => change({ title: e.target.value })}
          onBlur={props.onBlur}
          className="min-w-32 flex-1 rounded border border-transparent px-1.5 py-0.5 text-sm font-medium hover:border-stone-200 focus:border-indigo-300 focus:outline-none"
        />
        <label className="flex items-center gap-1 text-xs text-stone-600">
          <input type="checkbox" checked={block.enabled} disabled={readOnly} onChange={(e) => change({ enabled: e.target.checked })} />
          Enabled
        </label>
        {!readOnly && (
          <div className="flex items-center gap-0.5">
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Move ${label} up`}
              disabled={index === 0}
              onClick={() => props.onMove(block.id, index - 1)}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Move ${label} down`}
              disabled={index === count - 1}
              onClick={() => props.onMove(block.id, index + 1)}
            >
              ↓
            </Button>
            <Button variant="ghost" size="sm" onClick={() => props.onDuplicate(block.id)} aria-label={`Duplicate ${label}`}>
              Duplicate
            </Button>
            <Button variant="ghost" size="sm" onClick={() => props.onDelete(block.id)} aria-label={`Delete ${label}`}>
              Delete
            </Button>
          </div>
        )}
      </div>
      {block.kind === 'include' ? (
        <IncludeCard block={block} index={index} readOnly={readOnly} onChange={change} />
      ) : block.kind === 'placeholder' ? (
        <PlaceholderFields block={block} index={index} readOnly={readOnly} onChange={change} onBlur={props.onBlur} />
      ) : (
        <LazyBodyEditor
          eager={index < EAGER_BODIES}
          value={block.body}
          onChange={(body) => change({ body })}
          onBlur={props.onBlur}
          onSaveShortcut={props.onSaveShortcut}
          variables={props.variables}
          readOnly={readOnly}
          ariaLabel={`Body of block ${index + 1}`}
        />
      )}
      {props.issues.length > 0 && (
        <p role="alert" className="border-t border-red-100 bg-red-50 px-3 py-1.5 text-xs text-red-800">
          {props.issues.join(' ')}
        </p>
      )}
    </li>
  );
});
