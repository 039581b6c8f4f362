'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { rollback } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';

export interface RollbackButtonProps {
  workspace: string;
  promptId: string;
  release: { id: string; version: number };
  /** The version production serves now, for the confirmation text. */
  liveVersion: number | null;
}

/** Points production at an older release after a confirm step. Nothing is deleted, and the move is audited. */
export function RollbackButton({ workspace, promptId, release, liveVersion }: RollbackButtonProps) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onConfirm() {
    setPending(true);
    setError(null);
    const res = await rollback({ workspace, promptId, releaseId: release.id });
    setPending(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setConfirming(false);
    router.refresh();
  }

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
        <Button variant="danger" size="sm" onClick={onConfirm} disabled={pending}>
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
