'use client';

import { useState, type FormEvent } from 'react';
import { scheduleRelease } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { FormError, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export interface ScheduleButtonProps {
  workspace: string;
  promptId: string;
  revision: { id: string; number: number };
}

/** "Schedule…": a time in the user's own time zone (sent as UTC) and the release note. */
export function ScheduleButton({ workspace, promptId, revision }: ScheduleButtonProps) {
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  const action = useAction(scheduleRelease, {
    onSuccess: () => {
      setOpen(false);
      setNote('');
      setWhen('');
    },
  });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    // datetime-local has no zone: the browser reads it in the user's, toISOString gives UTC.
    const runAt = when ? new Date(when) : null;
    await action.run({
      workspace,
      promptId,
      revisionId: revision.id,
      runAt: runAt && !Number.isNaN(runAt.getTime()) ? runAt.toISOString() : '',
      note,
    });
  }

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => (action.reset(), setOpen(true))}>
        Schedule r{revision.number}…
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Schedule r${revision.number}`} className="w-72 space-y-2">
      <TextField
        label="Publish at"
        name="runAt"
        type="datetime-local"
        step={1}
        value={when}
        onChange={(e) => setWhen(e.target.value)}
        error={action.fieldErrors.runAt}
        hint={`Your time zone: ${zone}`}
      />
      <TextAreaField
        label="Release note"
        name="note"
        rows={2}
        maxLength={2000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={action.fieldErrors.note}
      />
      <FormError message={action.fieldErrors.runAt || action.fieldErrors.note ? null : action.error} />
      <div className="flex justify-end gap-2">
        <Button variant="ghost" size="sm" onClick={() => setOpen(false)} disabled={action.pending}>
          Cancel
        </Button>
        <Button type="submit" size="sm" disabled={action.pending}>
          {action.pending ? 'Scheduling…' : 'Schedule'}
        </Button>
      </div>
    </form>
  );
}
