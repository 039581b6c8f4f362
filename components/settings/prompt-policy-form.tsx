'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { updatePromptPolicy } from '@/lib/actions/policy';
import { FormError, inputClass } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { DraftPolicy, PolicyOverride, PublishPolicy } from '@/lib/domain/policy';
import type { FieldErrors } from '@/lib/errors';
import { DRAFT_POLICY_LABELS, errorsFor, ReviewerCheckboxes, SubmitRow, type ReviewerOption } from './policy-form';

export interface PromptPolicyFormProps {
  workspace: string;
  promptId: string;
  override: PolicyOverride;
  workspacePolicy: PublishPolicy;
  effective: PublishPolicy;
  reviewers: ReviewerOption[];
  canEdit: boolean;
}

const INHERIT = '';
const yesNo = (v: boolean) => (v ? 'yes' : 'no');
const toBool = (v: string): boolean | null => (v === INHERIT ? null : v === 'yes');

function names(ids: string[], reviewers: ReviewerOption[]): string {
  if (!ids.length) return 'any reviewer';
  return ids.map((id) => reviewers.find((r) => r.userId === id)?.label ?? 'former member').join(', ');
}

/** The prompt's overrides of the workspace policy: each field inherits (null) unless set here. */
export function PromptPolicyForm({ workspace, promptId, override, workspacePolicy, effective, reviewers, canEdit }: PromptPolicyFormProps) {
  const [approvals, setApprovals] = useState(override.requiredApprovals == null ? INHERIT : String(override.requiredApprovals));
  const [selfApproval, setSelfApproval] = useState(override.allowSelfApproval == null ? INHERIT : yesNo(override.allowSelfApproval));
  const [evaluation, setEvaluation] = useState(
    override.requirePassingEvaluation == null ? INHERIT : yesNo(override.requirePassingEvaluation),
  );
  const [conversations, setConversations] = useState(
    override.requireResolvedConversations == null ? INHERIT : yesNo(override.requireResolvedConversations),
  );
  const [draftPolicy, setDraftPolicy] = useState<DraftPolicy | ''>(override.draftPolicy ?? INHERIT);
  const [ownReviewers, setOwnReviewers] = useState(!!override.designatedReviewerIds?.length);
  const [designated, setDesignated] = useState(override.designatedReviewerIds ?? []);
  const [noReviewers, setNoReviewers] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction(updatePromptPolicy, { onSuccess: () => setStatus('Prompt policy saved.') });
  const { pending } = action;
  const fieldErrors: FieldErrors = noReviewers
    ? { designatedReviewerIds: ['Pick at least one reviewer, or inherit the workspace’s'] }
    : action.fieldErrors;
  // A message already shown beside its field is not repeated above the form.
  const error = Object.keys(fieldErrors).length ? null : action.error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    const invalid = ownReviewers && designated.length === 0;
    setNoReviewers(invalid);
    if (invalid) return;
    await action.run({
      workspace,
      promptId,
      requiredApprovals: approvals === INHERIT ? null : approvals,
      allowSelfApproval: toBool(selfApproval),
      requirePassingEvaluation: toBool(evaluation),
      requireResolvedConversations: toBool(conversations),
      draftPolicy: draftPolicy === INHERIT ? null : draftPolicy,
      designatedReviewerIds: ownReviewers ? designated : [],
    });
  }

  return (
    <div className="space-y-4">
      <section
        aria-labelledby="effective-policy-heading"
        data-testid="effective-policy"
        className="rounded-xl border border-stone-200 bg-stone-50 p-4 text-sm"
      >
        <h3 id="effective-policy-heading" className="mb-2 font-medium text-stone-900">
          Effective policy for this prompt
        </h3>
        <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <Summary label="Required approvals" value={String(effective.requiredApprovals)} own={override.requiredApprovals != null} />
          <Summary
            label="Authors may approve their own changes"
            value={yesNo(effective.allowSelfApproval)}
            own={override.allowSelfApproval != null}
          />
          <Summary
            label="Passing evaluation required"
            value={yesNo(effective.requirePassingEvaluation)}
            own={override.requirePassingEvaluation != null}
          />
          <Summary
            label="All conversations resolved before publishing"
            value={yesNo(effective.requireResolvedConversations)}
            own={override.requireResolvedConversations != null}
          />
          <Summary label="Draft after publishing" value={DRAFT_POLICY_LABELS[effective.draftPolicy]} own={override.draftPolicy != null} />
          <Summary
            label="Designated reviewers"
            value={names(effective.designatedReviewerIds, reviewers)}
            own={!!override.designatedReviewerIds?.length}
          />
        </dl>
      </section>

      <form
        onSubmit={onSubmit}
        noValidate
        data-testid="prompt-policy-form"
        className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 text-sm"
      >
        {!canEdit && <p className="text-stone-600">Only admins can change this prompt’s publish policy.</p>}
        <FormError message={error} />
        <fieldset disabled={!canEdit || pending} className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Required approvals" value={approvals} onChange={setApprovals} error={fieldErrors.requiredApprovals}>
            <option value={INHERIT}>Inherit (workspace: {workspacePolicy.requiredApprovals})</option>
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Authors may approve their own changes"
            value={selfApproval}
            onChange={setSelfApproval}
            error={fieldErrors.allowSelfApproval}
          >
            <option value={INHERIT}>Inherit (workspace: {yesNo(workspacePolicy.allowSelfApproval)})</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </SelectField>
          <SelectField
            label="Require a passing evaluation run to publish"
            value={evaluation}
            onChange={setEvaluation}
            error={fieldErrors.requirePassingEvaluation}
          >
            <option value={INHERIT}>Inherit (workspace: {yesNo(workspacePolicy.requirePassingEvaluation)})</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </SelectField>
          <SelectField
            label="All conversations resolved before publishing"
            value={conversations}
            onChange={setConversations}
            error={fieldErrors.requireResolvedConversations}
          >
            <option value={INHERIT}>Inherit (workspace: {yesNo(workspacePolicy.requireResolvedConversations)})</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </SelectField>
          <SelectField
            label="Draft after publishing"
            value={draftPolicy}
            onChange={(v) => setDraftPolicy(v as DraftPolicy | '')}
            error={fieldErrors.draftPolicy}
          >
            <option value={INHERIT}>Inherit (workspace: {DRAFT_POLICY_LABELS[workspacePolicy.draftPolicy]})</option>
            <option value="reset">{DRAFT_POLICY_LABELS.reset}</option>
            <option value="retain">{DRAFT_POLICY_LABELS.retain}</option>
          </SelectField>
          <div className="space-y-2 sm:col-span-2">
            <fieldset className="space-y-1.5">
              <legend className="font-medium text-stone-800">Designated reviewers for this prompt</legend>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="reviewerSource"
                  checked={!ownReviewers}
                  onChange={() => setOwnReviewers(false)}
                  className="h-4 w-4 border-stone-300 text-indigo-600"
                />
                Inherit (workspace: {names(workspacePolicy.designatedReviewerIds, reviewers)})
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="reviewerSource"
                  checked={ownReviewers}
                  onChange={() => setOwnReviewers(true)}
                  className="h-4 w-4 border-stone-300 text-indigo-600"
                />
                Only these reviewers
              </label>
            </fieldset>
            {ownReviewers ? (
              <div className="pl-6">
                <ReviewerCheckboxes
                  legend="Reviewers"
                  hint="Only their approvals count for this prompt."
                  options={reviewers}
                  selected={designated}
                  onChange={setDesignated}
                  error={errorsFor(fieldErrors, 'designatedReviewerIds')}
                />
              </div>
            ) : (
              errorsFor(fieldErrors, 'designatedReviewerIds') && (
                <p role="alert" className="text-sm text-red-700">
                  {errorsFor(fieldErrors, 'designatedReviewerIds')!.join(' ')}
                </p>
              )
            )}
          </div>
        </fieldset>
        {canEdit && <SubmitRow label="Save prompt policy" pending={pending} status={status} />}
      </form>
    </div>
  );
}

function Summary({ label, value, own }: { label: string; value: string; own: boolean }) {
  return (
    <>
      <dt className="text-stone-600">{label}</dt>
      <dd className="text-stone-900">
        {value} <span className="text-xs text-stone-500">({own ? 'this prompt' : 'workspace'})</span>
      </dd>
    </>
  );
}

function SelectField({
  label,
  value,
  onChange,
  error,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string[];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className={inputClass}
      >
        {children}
      </select>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error.join(' ')}
        </p>
      )}
    </div>
  );
}
