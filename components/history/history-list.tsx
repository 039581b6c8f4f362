import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import type { RevisionAuthor, RevisionSummary } from '@/lib/data/history';
import { formatBytes, formatChangeSize, formatUtc, formatUtcRange, groupIntoSessions } from '@/lib/domain/history';
import { RelativeTime } from './relative-time';

export function authorLabel(author: RevisionAuthor): string {
  return author.name || author.email || 'Former member';
}

type BadgeFacts = Pick<RevisionSummary, 'isHead' | 'source' | 'restoredFromNumber' | 'releaseVersions'>;

/** What a revision is besides a save: the draft head, a restore, a publish reset, a release source. */
export function RevisionBadges({ revision }: { revision: BadgeFacts }) {
  const from = revision.restoredFromNumber;
  return (
    <>
      {revision.isHead && (
        <Badge tone="indigo" title="The draft points at this revision">
          head
        </Badge>
      )}
      {revision.source === 'restore' && (
        <Badge tone="amber" title="Appended by restoring an older revision">
          {from ? `restore of r${from}` : 'restore'}
        </Badge>
      )}
      {revision.source === 'publish_reset' && (
        <Badge title={from ? `The draft was reset to the published r${from}` : 'The draft was reset to the published release'}>
          reset after publish
        </Badge>
      )}
      {revision.releaseVersions.map((v) => (
        <Badge key={v} tone="green" title={`Release v${v} was published from this revision`}>
          published as v{v}
        </Badge>
      ))}
    </>
  );
}

function RevisionRow({ base, revision }: { base: string; revision: RevisionSummary }) {
  const first = revision.number === 1;
  return (
    <li data-testid={`revision-r${revision.number}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5">
      <Link href={`${base}/revisions/${revision.number}`} className="w-16 font-mono text-sm font-medium text-indigo-700 hover:underline">
        r{revision.number}
      </Link>
      <span className="min-w-0 truncate text-sm text-stone-800">{authorLabel(revision.author)}</span>
      <RelativeTime iso={revision.createdAt.toISOString()} absolute={formatUtc(revision.createdAt)} className="text-xs text-stone-500" />
      <span
        className="font-mono text-xs text-stone-500"
        title={first ? 'Size of the first revision' : 'Characters changed from the previous head'}
      >
        {first ? formatBytes(revision.sizeBytes) : formatChangeSize(revision.changeSize)}
      </span>
      <span className="flex flex-wrap gap-1">
        <RevisionBadges revision={revision} />
      </span>
    </li>
  );
}

export interface HistoryListProps {
  /** The prompt's URL, e.g. /w/acme/prompts/greeter. */
  base: string;
  items: RevisionSummary[];
  nextBefore: number | null;
  /** Whether this is an older page (so "Newest" is offered). */
  paged: boolean;
}

/** The revision history, newest first, grouped into editing sessions, with a keyset pager. */
export function HistoryList({ base, items, nextBefore, paged }: HistoryListProps) {
  const sessions = groupIntoSessions(items.map((r) => ({ ...r, authorId: r.author.id })));
  return (
    <div className="space-y-4">
      {sessions.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white p-10 text-center text-stone-600">
          {paged ? 'No older revisions.' : 'No revisions yet.'}
        </div>
      ) : (
        <ol aria-label="Editing sessions" className="space-y-4">
          {sessions.map((s) => {
            const count = s.items.length;
            return (
              <li key={s.items[0]!.id} className="overflow-hidden rounded-xl border border-stone-200 bg-white">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-stone-100 bg-stone-50 px-4 py-2 text-sm">
                  <span className="font-medium text-stone-900">{authorLabel(s.items[0]!.author)}</span>
                  <time dateTime={s.start.toISOString()} className="text-stone-500">
                    {formatUtcRange(s.start, s.end)}
                  </time>
                  <span className="text-stone-500">
                    {count} {count === 1 ? 'revision' : 'revisions'}
                  </span>
                </div>
                <ol aria-label={`Revisions by ${authorLabel(s.items[0]!.author)}`} className="divide-y divide-stone-100">
                  {s.items.map((r) => (
                    <RevisionRow key={r.id} base={base} revision={r} />
                  ))}
                </ol>
              </li>
            );
          })}
        </ol>
      )}
      {(paged || nextBefore !== null) && (
        <nav aria-label="History pages" className="flex justify-center gap-2">
          {paged && (
            <Link href={`${base}/history`} className={buttonClass('secondary')}>
              Newest
            </Link>
          )}
          {nextBefore !== null && (
            <Link href={`${base}/history?before=${nextBefore}`} className={buttonClass('secondary')}>
              Older revisions
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
