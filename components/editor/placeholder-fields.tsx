'use client';

import type { Block } from '@/lib/domain/content';

interface Props {
  block: Block;
  index: number;
  readOnly: boolean;
  onChange: (patch: Partial<Omit<Block, 'id'>>) => void;
  onBlur: () => void;
}

/** A placeholder block: the name messages are supplied under at render time, and whether they must be. */
export function PlaceholderFields({ block, index, readOnly, onChange, onBlur }: Props) {
  const spec = block.placeholder ?? { name: 'history', required: false };
  return (
    <div className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm" data-testid="placeholder-card">
      <label className="flex items-center gap-1 text-xs text-stone-600">
        Name
        <input
          aria-label={`Placeholder name of block ${index + 1}`}
          value={spec.name}
          readOnly={readOnly}
          onChange={(e) => onChange({ placeholder: { ...spec, name: e.target.value } })}
          onBlur={onBlur}
          className="rounded border border-stone-300 px-1.5 py-0.5 font-mono text-xs"
        />
      </label>
      <label className="flex items-center gap-1 text-xs text-stone-600">
        <input
          type="checkbox"
          checked={spec.required}
          disabled={readOnly}
          onChange={(e) => onChange({ placeholder: { ...spec, required: e.target.checked } })}
        />
        Required
      </label>
      <span className="text-xs text-stone-500">
        Messages passed as <code>placeholders.{spec.name}</code> at render time are inserted here.
      </span>
    </div>
  );
}
