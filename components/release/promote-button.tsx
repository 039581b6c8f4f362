'use client';

import { useState } from 'react';
import { promoteStaging } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export interface PromoteButtonProps {
  workspace: string;
  promptId: string;
  /** What staging serves, as the page saw it; the server refuses if staging moved since. */
  staged: { revisionId: string; revisionNumber: number; contentHash: string };
  /** Production already serves the staged content: nothing to promote. */
  live: boolean;
}

/** "Promote to production": publishes exactly the staged revision, through the publish gate. */
export function PromoteButton({ workspace, promptId, staged, live }: PromoteButtonProps) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [promoted, setPromoted] = useState<string | null>(null);
  const action = useAction(promoteStaging, {
    onSuccess: (data) => {
      setOpen(false);
      setNote('');
      setPromoted(`Promoted r${staged.revisionNumber} as v${data.version}.`);
    },
  });
  if (!open) {
    return (
      <div className="flex flex-col items-end gap-1">
        {live ? (
          !promoted && <p className="text-xs text-stone-500">Production serves the staged r{staged.revisionNumber}.</p>
        ) : (
          <Button variant="secondary" onClick={() => (action.reset(), setPromoted(null), setOpen(true))}>
            Promote r{staged.revisionNumber} to production
          </Button>
        )}
        {promoted && (
          <p role="status" className="text-xs text-emerald-700">
            {promoted}
          </p>
        )}
      </div>
    );
  }
  return (
    <form
      aria-label={`Promote r${staged.revisionNumber} to production`}
      className="w-72 space-y-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void action.run({ workspace, promptId, revisionId: staged.revisionId, contentHash: staged.contentHash, note });
      }}
    >
      <p className="text-xs text-stone-600">Production will serve exactly what staging serves now, r{staged.revisionNumber}.</p>
      <TextField label="Release note" name="note" value={note} onChange={(e) => setNote(e.target.value)} error={action.fieldErrors.note} />
      <FormError message={action.fieldErrors.note ? null : action.error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)} disabled={action.pending}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={action.pending}>
          {action.pending ? 'Promoting…' : 'Promote'}
        </Button>
      </div>
    </form>
  );
}
