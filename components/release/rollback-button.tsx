'use client';

import { useState } from 'react';
import { rollback } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';

export interface RollbackButtonProps {
  workspace: string;
  promptId: string;
  release: { id: string; version: number };
  /** The version production serves now, for the confirmation text. */
  liveVersion: number | null;
}

/** Points production at an older release after a confirm step. Nothing is deleted, and the move is audited. */
export function RollbackButton({ workspace, promptId, release, liveVersion }: RollbackButtonProps) {
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useAction(rollback, { onSuccess: () => setConfirming(false) });

  if (!confirming) {
    return (
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
        Roll back to v{release.version}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm roll back to v${release.version}`} className="flex flex-col items-end gap-1.5">
      <p className="text-xs text-stone-700">
        Production will serve v{release.version}
        {liveVersion ? ` instead of v${liveVersion}` : ''}. Nothing is deleted.
      </p>
      <div className="flex gap-2">
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </Button>
        <Button variant="danger" size="sm" onClick={() => run({ workspace, promptId, releaseId: release.id })} disabled={pending}>
          {pending ? 'Rolling back…' : `Confirm roll back to v${release.version}`}
        </Button>
      </div>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
