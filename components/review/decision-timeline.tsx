import { RelativeTime } from '@/components/history/relative-time';
import { Badge } from '@/components/ui/badge';
import { formatUtc } from '@/lib/domain/history';

export interface TimelineDecision {
  id: string;
  reviewerName: string;
  decision: 'approve' | 'request_changes' | 'comment';
  comment: string;
  createdAt: Date;
  /** The revision the decision was made on. */
  revisionNumber: number;
  /** Made on other content than the review is of now: shown, never counted. */
  stale: boolean;
}

// An approval's badge already says "approved rN", so it needs no verb of its own.
const VERB = { approve: null, request_changes: 'requested changes', comment: 'commented' } as const;

function DecisionBadges({ d, headNumber }: { d: TimelineDecision; headNumber: number | null }) {
  if (d.decision === 'approve') {
    if (!d.stale) return <Badge tone="green">approved r{d.revisionNumber}</Badge>;
    return (
      <>
        <Badge tone="amber" title="This approval is of other content than the review is of now; it does not count">
          approved r{d.revisionNumber}; draft is now r{headNumber ?? '?'}
        </Badge>
        <Badge tone="neutral">stale</Badge>
      </>
    );
  }
  if (d.decision === 'request_changes') {
    return (
      <>
        <Badge tone="red">changes requested on r{d.revisionNumber}</Badge>
        {d.stale && <Badge tone="neutral">stale</Badge>}
      </>
    );
  }
  return <Badge tone="neutral">on r{d.revisionNumber}</Badge>;
}

/** Every approval, change request and comment on the review, oldest first. */
export function DecisionTimeline({ decisions, headNumber }: { decisions: TimelineDecision[]; headNumber: number | null }) {
  if (decisions.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">No decisions yet.</p>
    );
  }
  return (
    <ol aria-label="Decisions" className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white">
      {decisions.map((d) => (
        <li
          key={d.id}
          data-testid="decision"
          data-decision={d.decision}
          data-stale={d.stale || undefined}
          className="space-y-1 px-4 py-3 text-sm"
        >
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="font-medium text-stone-900">{d.reviewerName}</span>
            {VERB[d.decision] && <span className="text-stone-600">{VERB[d.decision]}</span>}
            <DecisionBadges d={d} headNumber={headNumber} />
            <RelativeTime iso={d.createdAt.toISOString()} absolute={formatUtc(d.createdAt)} className="ml-auto text-xs text-stone-500" />
          </div>
          {d.comment && <p className="whitespace-pre-wrap break-words text-stone-800">{d.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
