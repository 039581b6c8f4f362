'use client';

import { useState, type FormEvent } from 'react';
import { updateApprovalChain } from '@/lib/actions/policy';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ChainPolicy } from '@/lib/domain/approval-chain';
import { errorsFor, SubmitRow, type ReviewerOption } from './policy-form';
import { NEW_STAGE, StageFields, toDraft, type StageDraft } from './stage-fields';

interface RuleDraft {
  tag: string;
  stage: StageDraft;
}

/**
 * The workspace's approval chain: stages satisfied in order, then tag rules that add a stage
 * to every prompt with the tag. With no stages, "Required approvals" above decides.
 */
export function ApprovalChainForm({
  workspace,
  chain,
  members,
  canEdit,
}: {
  workspace: string;
  chain: ChainPolicy;
  members: ReviewerOption[];
  canEdit: boolean;
}) {
  const [stages, setStages] = useState<StageDraft[]>(chain.stages.map(toDraft));
  const [rules, setRules] = useState<RuleDraft[]>(chain.tagRules.map((r) => ({ tag: r.tag, stage: toDraft(r.stage) })));
  const [status, setStatus] = useState<string | null>(null);
  const action = useAction(updateApprovalChain, { onSuccess: () => setStatus('Approval chain saved.') });
  const eligible = members.filter((m) => m.eligible);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus(null);
    await action.run({ workspace, stages, tagRules: rules });
  }

  const setStage = (i: number, s: StageDraft) => setStages(stages.map((x, j) => (j === i ? s : x)));
  const setRule = (i: number, r: RuleDraft) => setRules(rules.map((x, j) => (j === i ? r : x)));

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid="approval-chain-form"
      className="space-y-4 rounded-xl border border-stone-200 bg-white p-4 text-sm"
    >
      <FormError message={action.error} />
      <fieldset disabled={!canEdit || action.pending} className="space-y-4">
        <div className="space-y-2">
          <h3 className="font-medium text-stone-800">Stages</h3>
          <p className="text-xs text-stone-500">
            Satisfied in order, each by approvals of the exact content. When there are stages, they replace “Required approvals” and
            “Designated reviewers”.
          </p>
          {stages.map((s, i) => (
            <StageFields
              key={i}
              label={`Stage ${i + 1}`}
              stage={s}
              members={eligible}
              onChange={(x) => setStage(i, x)}
              onRemove={() => setStages(stages.filter((_, j) => j !== i))}
              error={errorsFor(action.fieldErrors, `stages.${i}`)}
            />
          ))}
          <Button variant="secondary" size="sm" onClick={() => setStages([...stages, NEW_STAGE])}>
            Add stage
          </Button>
        </div>
        <div className="space-y-2">
          <h3 className="font-medium text-stone-800">Rules by tag</h3>
          <p className="text-xs text-stone-500">A prompt with the tag must also pass the rule’s stage, after the stages above.</p>
          {rules.map((r, i) => (
            <div key={i} className="space-y-2 rounded-lg border border-dashed border-stone-300 p-3">
              <div className="max-w-xs">
                <TextField
                  label="Tag"
                  value={r.tag}
                  maxLength={32}
                  onChange={(e) => setRule(i, { ...r, tag: e.target.value })}
                  error={errorsFor(action.fieldErrors, `tagRules.${i}.tag`)}
                />
              </div>
              <StageFields
                label={`Stage for tag ${r.tag || i + 1}`}
                stage={r.stage}
                members={eligible}
                onChange={(stage) => setRule(i, { ...r, stage })}
                onRemove={() => setRules(rules.filter((_, j) => j !== i))}
                error={errorsFor(action.fieldErrors, `tagRules.${i}.stage`)}
              />
            </div>
          ))}
          <Button variant="secondary" size="sm" onClick={() => setRules([...rules, { tag: '', stage: NEW_STAGE }])}>
            Add tag rule
          </Button>
        </div>
      </fieldset>
      {canEdit && <SubmitRow label="Save approval chain" pending={action.pending} status={status} />}
    </form>
  );
}
