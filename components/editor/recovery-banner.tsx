'use client';

import { Button } from '@/components/ui/button';
import type { LocalDraft } from './local-draft';

/** Unsaved text from an earlier visit (reload, crash, offline) found on this device. */
export function RecoveryBanner({ draft, onRestore, onDiscard }: { draft: LocalDraft; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
    >
      <p className="flex-1">
        This device has unsaved changes from {new Date(draft.savedAt).toLocaleString()} (based on r{draft.baseNumber}).
      </p>
      <Button onClick={onRestore}>Restore unsaved changes</Button>
      <Button variant="ghost" onClick={onDiscard}>
        Discard
      </Button>
    </div>
  );
}
