'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ConflictInfo } from '@/lib/domain/autosave';

/** The head moved under us: say who and when, and let the author choose. Nothing is lost either way. */
export function ConflictBanner({
  conflict,
  onLoadLatest,
  onOverwrite,
}: {
  conflict: ConflictInfo;
  onLoadLatest: () => Promise<void>;
  onOverwrite: () => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <div role="alert" className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
      <p>
        <strong>Conflict:</strong> the draft moved to r{conflict.headNumber}
        {conflict.movedBy ? ` (saved by ${conflict.movedBy}` : ' ('}
        {` at ${new Date(conflict.movedAt).toLocaleTimeString()})`} since you started editing. Your changes are not saved yet and are kept
        on this device.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            await onLoadLatest();
            setBusy(false);
          }}
        >
          Load the latest (my text stays available to copy)
        </Button>
        <Button variant="danger" disabled={busy} onClick={onOverwrite}>
          Save mine on top
        </Button>
      </div>
    </div>
  );
}
