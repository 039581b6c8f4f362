'use client';

import { useId, useState, type FormEvent } from 'react';
import { updateWorkspacePolicy } from '@/lib/actions/policy';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { PublishPolicy } from '@/lib/domain/policy';
import type { FieldErrors } from '@/lib/errors';

/** A member who may be (or still is) a designated reviewer. */
export interface ReviewerOption {
  userId: string;
  label: string;
  role: string;
  /** False for a designated reviewer who was demoted or left: shown so it can be unticked. */
  eligible: boolean;
}

export const DRAFT_POLICY_LABELS = {
  reset: 'The draft becomes the release',
  retain: 'Keep work in progress',
} as const;

/** Errors for the reviewer list arrive as "designatedReviewerIds" or "designatedReviewerIds.3". */
export function errorsFor(fieldErrors: FieldErrors, key: string): string[] | undefined {
  const list = Object.entries(fieldErrors).flatMap(([k, v]) => (k === key || k.startsWith(`${key}.`) ? v : []));
  return list.length ? list : undefined;
}

export function ReviewerCheckboxes({
  options,
  selected,
  onChange,
  error,
  legend,
  hint,
}: {
  options: ReviewerOption[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string[];
  legend: string;
  hint: string;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : `${id}-hint`} className="space-y-1.5">
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-stone-500">
        {hint}
      </p>
      {options.length === 0 ? (
        <p className="text-sm text-stone-600">No member has the reviewer role or higher yet.</p>
      ) : (
        <ul className="grid gap-1 sm:grid-cols-2">
          {options.map((o) => (
            <li key={o.userId}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={selected.includes(o.userId)}
                  onChange={(e) => onChange(e.target.checked ? [...selected, o.userId] : selected.filter((x) => x !== o.userId))}
                  className="h-4 w-4 rounded border-stone-300 text-indigo-600"
                />
                <span className={o.eligible ? 'text-stone-800' : 'text-stone-500 line-through'}>{o.label}</span>
                <span className="text-xs text-stone-500">{o.eligible ? o.role : `${o.role}, can no longer review`}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error.join(' ')}
        </p>
      )}
    </fieldset>
  );
}

export interface PolicyFormProps {
  workspace: string;
  policy: PublishPolicy;
  reviewers: ReviewerOption[];
  canEdit: boolean;
}

/** The workspace's publish policy; every prompt inherits it unless it overrides a field. */
export function PolicyForm({ workspace, policy, reviewers, canEdit }: PolicyFormProps) {
  const [requiredApprovals, setRequiredApprovals] = useState(String(policy.requiredApprovals));
  const [allowSelfApproval, setAllowSelfApproval] = useState(policy.allowSelfApproval);
  const [requirePassingEvaluation, setRequirePassingEvaluation] = useState(policy.requirePassingEvaluation);
  const [requireResolvedConversations, setRequireResolvedConversations] = useState(policy.requireResolvedConversations);
  const [draftPolicy, setDraftPolicy] = useState(policy.draftPolicy);
  const [designated, setDesignated] = useState(policy.designatedReviewerIds);
  const [badNumber, setBadNumber] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction(updateWorkspacePolicy, { onSuccess: () => setStatus('Publish policy saved.') });
  const { pending } = action;
  const fieldErrors: FieldErrors = badNumber ? { requiredApprovals: ['Enter a whole number from 0 to 10'] } : action.fieldErrors;
  // A message already shown beside its field is not repeated above the form.
  const error = fieldErrors.requiredApprovals || errorsFor(fieldErrors, 'designatedReviewerIds') ? null : action.error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    const invalid = !/^\d+$/.test(requiredApprovals.trim());
    setBadNumber(invalid);
    if (invalid) return;
    await action.run({
      workspace,
      requiredApprovals: requiredApprovals.trim(),
      allowSelfApproval,
      requirePassingEvaluation,
      requireResolvedConversations,
      draftPolicy,
      designatedReviewerIds: designated,
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid="workspace-policy-form"
      className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 text-sm"
    >
      {!canEdit && <p className="text-stone-600">Only admins can change the publish policy.</p>}
      <FormError message={error} />
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <div className="max-w-xs">
          <TextField
            label="Required approvals"
            name="requiredApprovals"
            type="number"
            inputMode="numeric"
            min={0}
            max={10}
            value={requiredApprovals}
            onChange={(e) => setRequiredApprovals(e.target.value)}
            error={fieldErrors.requiredApprovals}
            hint="Approvals of the exact content before it may be published (0–10)."
          />
        </div>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="allowSelfApproval"
            checked={allowSelfApproval}
            onChange={(e) => setAllowSelfApproval(e.target.checked)}
            className="h-4 w-4 rounded border-stone-300 text-indigo-600"
          />
          Authors may approve their own changes
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="requirePassingEvaluation"
            checked={requirePassingEvaluation}
            onChange={(e) => setRequirePassingEvaluation(e.target.checked)}
            className="h-4 w-4 rounded border-stone-300 text-indigo-600"
          />
          Require a passing evaluation run to publish
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            name="requireResolvedConversations"
            checked={requireResolvedConversations}
            onChange={(e) => setRequireResolvedConversations(e.target.checked)}
            className="h-4 w-4 rounded border-stone-300 text-indigo-600"
          />
          All conversations resolved before publishing
        </label>
        <fieldset className="space-y-1.5">
          <legend className="font-medium text-stone-800">Draft after publishing</legend>
          {(['reset', 'retain'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input
                type="radio"
                name="draftPolicy"
                value={value}
                checked={draftPolicy === value}
                onChange={() => setDraftPolicy(value)}
                className="h-4 w-4 border-stone-300 text-indigo-600"
              />
              {DRAFT_POLICY_LABELS[value]}
              <span className="text-xs text-stone-500">({value})</span>
            </label>
          ))}
        </fieldset>
        <ReviewerCheckboxes
          legend="Designated reviewers"
          hint="When any are picked, only their approvals count. None picked: any reviewer, publisher or admin."
          options={reviewers}
          selected={designated}
          onChange={setDesignated}
          error={errorsFor(fieldErrors, 'designatedReviewerIds')}
        />
      </fieldset>
      {canEdit && <SubmitRow label="Save publish policy" pending={pending} status={status} />}
    </form>
  );
}

/** The policy forms' save button with its pending label and the saved status. */
export function SubmitRow({ label, pending, status }: { label: string; pending: boolean; status: string | null }) {
  return (
    <div className="flex items-center gap-3">
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : label}
      </Button>
      {status && (
        <p role="status" className="text-emerald-700">
          {status}
        </p>
      )}
    </div>
  );
}
