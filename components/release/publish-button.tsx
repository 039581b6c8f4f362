'use client';

import { useId, useRef, useState, type FormEvent } from 'react';
import { DependentsNotice } from '@/components/includes/dependents-notice';
import { ContentDiff } from '@/components/diff/content-diff';
import { loadPublishDiff } from '@/lib/actions/drafts';
import { publish } from '@/lib/actions/releases';
import { Button } from '@/components/ui/button';
import { FormError, TextAreaField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export interface PublishButtonProps {
  workspace: string;
  promptId: string;
  revision: { id: string; number: number };
  /** The version this publish would write (releases so far + 1). */
  nextVersion: number;
  gate: { allowed: boolean; reasons: string[] };
  /** "Production (v3)" or "Nothing published". */
  productionLabel: string;
  draftPolicy: 'reset' | 'retain';
}

type PublishDiff = Extract<Awaited<ReturnType<typeof loadPublishDiff>>, { ok: true }>['data'];

const DRAFT_POLICY_TEXT = {
  reset: 'Afterwards the draft becomes the release.',
  retain: 'Afterwards the draft keeps any work in progress.',
} as const;

/**
 * "Publish rN": disabled with its reasons in plain sight when the gate says no; otherwise
 * a modal with the diff against production and a required release note. The server action
 * re-checks everything, so a reason that appeared meanwhile comes back as an error.
 */
export function PublishButton({ workspace, promptId, revision, nextVersion, gate, productionLabel, draftPolicy }: PublishButtonProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [emptyNote, setEmptyNote] = useState(false);
  const [published, setPublished] = useState<string | null>(null);
  const action = useAction(publish, {
    onSuccess: (data) => {
      setNote('');
      setPublished(`Published r${revision.number} as v${data.version}.`);
      closeDialog();
    },
  });
  // The diff (and who includes this prompt) is read when the dialog opens, so the pages do not
  // carry both contents or scan the workspace for dependents.
  const [diff, setDiff] = useState<PublishDiff | null>(null);
  const diffAction = useAction(loadPublishDiff, { onSuccess: setDiff });
  const { pending } = action;
  const noteError = emptyNote ? ['Write a release note'] : action.fieldErrors.note;
  const error = action.fieldErrors.note ? null : action.error;
  const label = `Publish r${revision.number}`;

  function openDialog() {
    action.reset();
    setEmptyNote(false);
    setPublished(null);
    setOpen(true);
    dialogRef.current?.showModal();
    focusNote();
    setDiff(null);
    void diffAction.run({ workspace, promptId, revisionNumber: revision.number });
  }

  function focusNote() {
    dialogRef.current?.querySelector('textarea')?.focus();
  }

  function closeDialog() {
    dialogRef.current?.close();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!note.trim()) {
      setEmptyNote(true);
      focusNote();
      return;
    }
    setEmptyNote(false);
    await action.run({ workspace, promptId, revisionId: revision.id, note });
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={openDialog} disabled={!gate.allowed || pending} aria-describedby={gate.allowed ? undefined : `${headingId}-blocked`}>
        {label}
      </Button>
      {!gate.allowed && gate.reasons.length > 0 && (
        <ul
          id={`${headingId}-blocked`}
          data-testid="publish-blocked"
          className="max-w-md list-disc space-y-0.5 pl-5 text-left text-xs text-stone-600"
        >
          {gate.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {published && (
        <p role="status" className="text-xs text-emerald-700">
          {published}
        </p>
      )}

      <dialog
        ref={dialogRef}
        aria-labelledby={headingId}
        onClose={() => setOpen(false)}
        className="m-auto max-h-[90vh] w-[min(64rem,calc(100vw-2rem))] overflow-y-auto rounded-xl border border-stone-200 bg-white p-0 text-sm shadow-xl backdrop:bg-stone-900/40"
      >
        <form onSubmit={onSubmit} noValidate className="space-y-4 p-6">
          <div className="space-y-1">
            <h2 id={headingId} className="text-lg font-semibold text-stone-900">
              Publish r{revision.number} as v{nextVersion}
            </h2>
            <p className="text-stone-600">
              Changes from {productionLabel} to r{revision.number}. Production will serve v{nextVersion} as soon as you publish.{' '}
              {DRAFT_POLICY_TEXT[draftPolicy]}
            </p>
          </div>
          {!gate.allowed && (
            <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900">
              <p className="font-medium">This revision can no longer be published:</p>
              <ul className="list-disc pl-5">
                {gate.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="max-h-[45vh] overflow-y-auto rounded-lg border border-stone-200 bg-stone-50 p-3">
            {open && (
              <>
                {diff && <DependentsNotice dependents={diff.dependents} nextVersion={nextVersion} />}
                <DiffPane diff={diff} error={diffAction.error} productionLabel={productionLabel} />
              </>
            )}
          </div>
          <TextAreaField
            label="Release note"
            name="note"
            rows={3}
            maxLength={2000}
            required
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={noteError}
            hint="What changed and why; shown in the release list and the audit log."
          />
          <FormError message={error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={closeDialog} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || !gate.allowed}>
              {pending ? 'Publishing…' : 'Publish'}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}

function DiffPane({ diff, error, productionLabel }: { diff: PublishDiff | null; error: string | null; productionLabel: string }) {
  if (error) return <FormError message={error} />;
  if (!diff) return <p className="text-stone-600">Loading the changes…</p>;
  if (!diff.candidate) return <p className="text-stone-600">This revision cannot be shown as a diff.</p>;
  return (
    <ContentDiff
      before={diff.production?.content ?? null}
      after={diff.candidate.content}
      beforeLabel={diff.production?.label ?? productionLabel}
      afterLabel={diff.candidate.label}
    />
  );
}
