import type { PublishCheck } from '@/lib/data/publish';
import { ApprovalSteps } from './approval-steps';

function approvalCount(counted: number, required: number): string {
  if (required === 0) return `${counted} approval${counted === 1 ? '' : 's'}; none required`;
  return `${counted} of ${required} required approval${required === 1 ? '' : 's'}`;
}

/** Whether this revision may be published now, and if not, every reason why. */
export function PublishStatus({ check }: { check: PublishCheck }) {
  const { gate, approvals, requiredApprovals, candidate, chain } = check;
  return (
    <div
      role="status"
      aria-label="Publish status"
      data-testid="publish-status"
      className={`space-y-2 rounded-xl border px-4 py-3 text-sm ${gate.allowed ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-stone-200 bg-white text-stone-800'}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium">{gate.allowed ? 'Ready to publish' : `r${candidate.number} cannot be published yet`}</p>
        {!chain && <p className="text-xs text-stone-600">{approvalCount(approvals.counted.length, requiredApprovals)}</p>}
      </div>
      {chain && <ApprovalSteps steps={chain} />}
      {!gate.allowed && (
        <ul className="list-disc space-y-0.5 pl-5">
          {gate.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {approvals.ignored.length > 0 && (
        <p className="text-xs text-stone-600">
          Not counted: {approvals.ignored.map((i) => `${i.decision.reviewerName} (${i.reason})`).join(', ')}.
        </p>
      )}
    </div>
  );
}
