'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { restoreRevision } from '@/lib/actions/history';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

export interface RestoreButtonProps {
  workspace: string;
  promptId: string;
  revisionId: string;
  revisionNumber: number;
  headNumber: number | null;
  /** The prompt's editor page, opened after the restore. */
  editorHref: string;
}

/** Restores by appending: the current head stays in the history, so nothing is lost. */
export function RestoreButton({ workspace, promptId, revisionId, revisionNumber, headNumber, editorHref }: RestoreButtonProps) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function onRestore() {
    setPending(true);
    setError(null);
    const res = await restoreRevision({ workspace, promptId, revisionId });
    if (!res.ok) {
      setPending(false);
      setError(res.error.message);
      return;
    }
    setStatus(
      res.data.restored
        ? `Restored r${revisionNumber} as r${res.data.revision.number}. Opening the editor…`
        : `The draft already has this content (r${res.data.revision.number}); nothing was written. Opening the editor…`,
    );
    router.push(editorHref);
  }

  return (
    <div className="space-y-2">
      <FormError message={error} />
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={onRestore} disabled={pending || status !== null}>
          {pending ? 'Restoring…' : 'Restore this revision'}
        </Button>
        <p className="text-xs text-stone-500">
          Appends a new revision with this content{headNumber ? `; the current draft r${headNumber} stays in the history` : ''}. Nothing is lost.
        </p>
      </div>
      {status && (
        <p role="status" className="text-sm text-emerald-800">
          {status}
        </p>
      )}
    </div>
  );
}
