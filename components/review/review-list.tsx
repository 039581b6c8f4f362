import Link from 'next/link';
import { RelativeTime } from '@/components/history/relative-time';
import type { ReviewListItem } from '@/lib/data/reviews';
import { formatUtc } from '@/lib/domain/history';
import { OutdatedBadge, ReviewStatusBadge } from './review-status-badge';

export interface ReviewListProps {
  workspace: string;
  items: ReviewListItem[];
  /** Name the prompt on each row (the workspace queue); a prompt's own list omits it. */
  showPrompt?: boolean;
  /** Shown in place of the list when it is empty. */
  empty: string;
  label: string;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function ReviewRow({ workspace, item, showPrompt }: { workspace: string; item: ReviewListItem; showPrompt: boolean }) {
  const href = `/w/${workspace}/prompts/${item.promptSlug}/reviews/${item.id}`;
  return (
    <li data-testid="review-row" className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm">
      <div className="min-w-0 flex-1">
        <Link href={href} className="font-medium text-indigo-700 hover:underline">
          {showPrompt && <span className="text-stone-900">{item.promptName} · </span>}
          {item.title}
        </Link>
        <div className="flex flex-wrap items-center gap-x-2 text-xs text-stone-500">
          <span className="font-mono">r{item.revisionNumber}</span>
          <span aria-hidden>·</span>
          <span>requested by {item.requestedBy}</span>
          <span aria-hidden>·</span>
          <RelativeTime iso={item.createdAt.toISOString()} absolute={formatUtc(item.createdAt)} />
        </div>
      </div>
      <span className="text-xs text-stone-600">{count(item.approvals, 'approval', 'approvals')}</span>
      {item.changesRequested > 0 && (
        <span className="text-xs text-red-700">{count(item.changesRequested, 'change request', 'change requests')}</span>
      )}
      <span className="flex flex-wrap gap-1">
        <ReviewStatusBadge status={item.status} />
        {item.status === 'open' && item.outdated && <OutdatedBadge headNumber={item.headNumber} />}
      </span>
    </li>
  );
}

/** Reviews, newest first, each linking to its review page. */
export function ReviewList({ workspace, items, showPrompt = false, empty, label }: ReviewListProps) {
  if (items.length === 0) {
    return <div className="rounded-xl border border-dashed border-stone-300 bg-white p-8 text-center text-sm text-stone-600">{empty}</div>;
  }
  return (
    <ul aria-label={label} className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white">
      {items.map((item) => (
        <ReviewRow key={item.id} workspace={workspace} item={item} showPrompt={showPrompt} />
      ))}
    </ul>
  );
}
