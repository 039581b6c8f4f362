'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { Content } from '@/lib/domain/content';

/** After "load the latest", the author's own version stays here to copy from. */
export function KeptTextPanel({ content, onDismiss }: { content: Content; onDismiss: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <section aria-label="Your unsaved version" className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm">
      <div className="flex items-center gap-2">
        <h2 className="font-medium text-amber-900">Your unsaved version</h2>
        <Button variant="ghost" size="sm" className="ml-auto" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <ol className="space-y-2">
        {content.blocks.map((b) => (
          <li key={b.id} className="rounded border border-amber-200 bg-white">
            <div className="flex items-center gap-2 border-b border-amber-100 px-2 py-1 text-xs">
              <span className="font-medium">{b.title}</span>
              <Button
                variant="ghost"
                size="sm"
                className="ml-auto"
                onClick={async () => {
                  await navigator.clipboard?.writeText(b.body).catch(() => {});
                  setCopied(b.id);
                }}
              >
                {copied === b.id ? 'Copied' : 'Copy'}
              </Button>
            </div>
            <pre data-testid="kept-text" className="max-h-48 overflow-auto whitespace-pre-wrap px-2 py-1 font-mono text-xs">
              {b.body}
            </pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
