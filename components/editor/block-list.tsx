'use client';

import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { BLOCK_KINDS, BLOCK_KIND_LABELS, type Block, type BlockKind, type Content, type ContentIssue } from '@/lib/domain/content';
import { duplicateBlock, insertBlock, moveBlock, removeBlock, restoreBlock, updateBlock } from '@/lib/domain/content-edit';
import { BlockCard } from './block-card';

interface Props {
  content: Content;
  readOnly: boolean;
  issues: ContentIssue[];
  onChange: (content: Content) => void;
  onBlur: () => void;
  onSaveShortcut: () => void;
}

const NO_ISSUES: string[] = [];

// Module constants, not literals in the render: useSensor memoizes on its options object, and a
// new one each render gave dnd-kit new activators and so a new context value, which re-rendered
// every memoized card (useSortable reads that context) on every keystroke.
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };
const KEYBOARD_OPTIONS = { coordinateGetter: sortableKeyboardCoordinates };

// The same empty array each render, so a memoized card without issues stays unrendered.
function issuesFor(issues: ContentIssue[], index: number): string[] {
  const own = issues.filter((i) => i.path === `blocks.${index}` || i.path.startsWith(`blocks.${index}.`)).map((i) => i.message);
  return own.length ? own : NO_ISSUES;
}

export function BlockList({ content, readOnly, issues, onChange, onBlur, onSaveShortcut }: Props) {
  const [kind, setKind] = useState<BlockKind>('instructions');
  // A stable id keeps dnd-kit's accessibility ids equal on server and client (no hydration warning).
  const dndId = useId();
  const [deleted, setDeleted] = useState<{ block: Block; index: number } | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS), useSensor(KeyboardSensor, KEYBOARD_OPTIONS));
  // Stable props for the memoized cards: a keystroke re-renders its own card, not all of them.
  const variablesKey = content.variables.map((v) => v.name).join('\n');
  const variables = useMemo(() => (variablesKey ? variablesKey.split('\n') : []), [variablesKey]);
  const idsKey = content.blocks.map((b) => b.id).join('\n');
  const ids = useMemo(() => (idsKey ? idsKey.split('\n') : []), [idsKey]);
  const latest = useRef({ content, onChange });
  useLayoutEffect(() => {
    latest.current = { content, onChange };
  });
  const change = useCallback((id: string, patch: Partial<Omit<Block, 'id'>>) => {
    const { content: current, onChange: emit } = latest.current;
    emit(updateBlock(current, id, patch));
  }, []);
  const duplicate = useCallback((id: string) => latest.current.onChange(duplicateBlock(latest.current.content, id)), []);
  const remove = useCallback((id: string) => {
    const { content: next, removed } = removeBlock(latest.current.content, id);
    setDeleted(removed);
    latest.current.onChange(next);
  }, []);
  const move = useCallback((id: string, to: number) => latest.current.onChange(moveBlock(latest.current.content, id, to)), []);

  function onDragEnd(e: DragEndEvent) {
    if (!e.over || e.active.id === e.over.id) return;
    const to = content.blocks.findIndex((b) => b.id === e.over!.id);
    onChange(moveBlock(content, String(e.active.id), to));
  }

  return (
    <div className="space-y-3">
      {deleted && (
        <div role="status" className="flex items-center gap-3 rounded-md border border-stone-200 bg-stone-800 px-3 py-2 text-sm text-white">
          Block “{deleted.block.title}” deleted.
          <button
            type="button"
            className="font-medium text-indigo-200 underline"
            onClick={() => {
              onChange(restoreBlock(content, deleted));
              setDeleted(null);
            }}
          >
            Undo
          </button>
          <button type="button" aria-label="Dismiss" className="ml-auto text-stone-300" onClick={() => setDeleted(null)}>
            ×
          </button>
        </div>
      )}
      {issues
        .filter((i) => i.path === '' || i.path === 'blocks')
        .map((i) => (
          <p key={i.message} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {i.message}
          </p>
        ))}
      <DndContext id={dndId} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol className="space-y-3" aria-label="Blocks">
            {content.blocks.map((block, index) => (
              <BlockCard
                key={block.id}
                block={block}
                index={index}
                count={content.blocks.length}
                readOnly={readOnly}
                variables={variables}
                issues={issuesFor(issues, index)}
                onChange={change}
                onDuplicate={duplicate}
                onDelete={remove}
                onMove={move}
                onBlur={onBlur}
                onSaveShortcut={onSaveShortcut}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      {!readOnly && (
        <div className="flex items-center gap-2 rounded-lg border border-dashed border-stone-300 p-3">
          <select
            aria-label="New block kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as BlockKind)}
            className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm"
          >
            {BLOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {BLOCK_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <Button variant="secondary" onClick={() => onChange(insertBlock(content, kind))}>
            Add block
          </Button>
        </div>
      )}
    </div>
  );
}
