import type { ChainStepView } from '@/lib/data/approval-chain';

const STATE_LABEL = { done: 'Done', current: 'Current', waiting: 'Waiting' } as const;
const STATE_CLASS = {
  done: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  current: 'border-indigo-300 bg-indigo-50 text-indigo-900',
  waiting: 'border-stone-200 bg-white text-stone-600',
} as const;

/** The approval chain as steps: done, current (who can act now) and waiting. */
export function ApprovalSteps({ steps }: { steps: ChainStepView[] }) {
  return (
    <ol aria-label="Approval chain" data-testid="approval-steps" className="grid gap-2 sm:grid-cols-[repeat(auto-fit,minmax(12rem,1fr))]">
      {steps.map((s, i) => (
        <li
          key={`${i}-${s.name}`}
          data-state={s.state}
          aria-current={s.state === 'current' ? 'step' : undefined}
          className={`space-y-1 rounded-lg border px-3 py-2 text-sm ${STATE_CLASS[s.state]}`}
        >
          <p className="flex items-baseline justify-between gap-2">
            <span className="font-medium">
              {i + 1}. {s.name}
            </span>
            <span className="text-xs">{STATE_LABEL[s.state]}</span>
          </p>
          <p className="text-xs">
            {s.approvedBy.length} of {s.required} · {s.state === 'current' ? 'can act now: ' : 'approvers: '}
            {s.who}
          </p>
          {s.approvedBy.length > 0 && <p className="text-xs">Approved by {s.approvedBy.map((a) => a.name).join(', ')}</p>}
          {s.tag && <p className="text-xs text-stone-500">Added by the rule for tag “{s.tag}”</p>}
        </li>
      ))}
    </ol>
  );
}
