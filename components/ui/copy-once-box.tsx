'use client';

import { useState, type ReactNode } from 'react';
import { Button } from './button';

/**
 * A secret shown once (an API key, an invitation or reset link): the value in a read-only
 * field, Copy and Done. Only its hash is stored, so closing the box loses it for good.
 */
export function CopyOnceBox({
  region,
  inputLabel,
  value,
  testId,
  onDone,
  children,
}: {
  /** The box's accessible name, e.g. "New API key". */
  region: string;
  inputLabel: string;
  value: string;
  testId: string;
  onDone: () => void;
  /** What the secret is and what to do with it. */
  children: ReactNode;
}) {
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  return (
    <div role="region" aria-label={region} data-testid={testId} className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <div className="text-sm font-medium text-amber-900">{children}</div>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={value}
          aria-label={inputLabel}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-stone-900"
        />
        <Button variant="secondary" onClick={onCopy}>
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      {copy === 'failed' && <p className="text-xs text-red-700">The browser refused to copy; select the text and copy it by hand.</p>}
    </div>
  );
}
