'use client';

import { Button } from '@/components/ui/button';
import { TextField, inputClass } from '@/components/ui/field';
import type { ApprovalStage } from '@/lib/domain/approval-chain';
import type { ReviewerOption } from './policy-form';

/** A stage being edited: the required count stays text until it is sent. */
export type StageDraft = Omit<ApprovalStage, 'required'> & { required: string };

export const NEW_STAGE: StageDraft = { name: '', approvers: { kind: 'role', minRole: 'reviewer' }, required: '1', allowSelfApproval: null };

export function toDraft(stage: ApprovalStage): StageDraft {
  return { ...stage, required: String(stage.required) };
}

const APPROVER_ROLES = ['reviewer', 'publisher', 'admin'] as const;

/** One stage's fields: its name, who may approve (a minimum role or named members) and how many approvals. */
export function StageFields({
  label,
  stage,
  members,
  onChange,
  onRemove,
  error,
}: {
  label: string;
  stage: StageDraft;
  members: ReviewerOption[];
  onChange: (stage: StageDraft) => void;
  onRemove: () => void;
  error?: string[];
}) {
  const { approvers } = stage;
  return (
    <fieldset aria-label={label} className="space-y-2 rounded-lg border border-stone-200 p-3">
      <div className="grid gap-2 sm:grid-cols-[1fr_10rem_6rem]">
        <TextField label="Stage name" value={stage.name} maxLength={60} onChange={(e) => onChange({ ...stage, name: e.target.value })} />
        <div className="space-y-1">
          <label className="block text-sm font-medium text-stone-800">
            Who may approve
            <select
              className={`${inputClass} mt-1`}
              value={approvers.kind === 'role' ? `role:${approvers.minRole}` : 'members'}
              onChange={(e) => {
                const v = e.target.value;
                onChange({
                  ...stage,
                  approvers: v === 'members' ? { kind: 'members', userIds: [] } : { kind: 'role', minRole: v.slice(5) as 'reviewer' },
                });
              }}
            >
              {APPROVER_ROLES.map((r) => (
                <option key={r} value={`role:${r}`}>
                  {r === 'admin' ? 'an admin' : `a ${r} or higher`}
                </option>
              ))}
              <option value="members">named members</option>
            </select>
          </label>
        </div>
        <TextField
          label="Approvals"
          type="number"
          inputMode="numeric"
          min={1}
          max={10}
          value={stage.required}
          onChange={(e) => onChange({ ...stage, required: e.target.value })}
        />
      </div>
      <label className="block text-sm font-medium text-stone-800">
        Authors may approve their own change in this stage
        <select
          className={`${inputClass} mt-1 sm:w-72`}
          value={stage.allowSelfApproval == null ? 'inherit' : stage.allowSelfApproval ? 'yes' : 'no'}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ ...stage, allowSelfApproval: v === 'inherit' ? null : v === 'yes' });
          }}
        >
          <option value="inherit">As the publish policy says</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      </label>
      {approvers.kind === 'members' && (
        <ul className="grid gap-1 sm:grid-cols-2" aria-label="Approvers">
          {members.map((m) => (
            <li key={m.userId}>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={approvers.userIds.includes(m.userId)}
                  onChange={(e) =>
                    onChange({
                      ...stage,
                      approvers: {
                        kind: 'members',
                        userIds: e.target.checked ? [...approvers.userIds, m.userId] : approvers.userIds.filter((x) => x !== m.userId),
                      },
                    })
                  }
                  className="h-4 w-4 rounded border-stone-300 text-indigo-600"
                />
                {m.label} <span className="text-xs text-stone-500">{m.role}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error.join(' ')}
        </p>
      )}
      <Button variant="secondary" size="sm" onClick={onRemove}>
        Remove {stage.name || 'stage'}
      </Button>
    </fieldset>
  );
}
