import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { PromptListItem } from '@/lib/data/prompts';
import { PublishStateBadge } from './publish-state-badge';

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export function PromptList({ base, items, query }: { base: string; items: PromptListItem[]; query?: string }) {
  if (items.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-stone-300 bg-white p-10 text-center text-stone-600">
        {query ? `No prompt matches “${query}”.` : 'No prompts yet. Create the first one to start drafting.'}
      </div>
    );
  }
  return (
    <ul aria-label="Prompts" className="divide-y divide-stone-200 overflow-hidden rounded-xl border border-stone-200 bg-white">
      {items.map((p) => (
        <li key={p.id}>
          <Link href={`${base}/prompts/${p.slug}`} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-stone-50">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-stone-900">{p.name}</p>
              <p className="truncate font-mono text-xs text-stone-500">{p.slug}</p>
            </div>
            <div className="flex flex-wrap gap-1">
              {p.tags.map((t) => (
                <Badge key={t}>{t}</Badge>
              ))}
            </div>
            <PublishStateBadge state={p.state} version={p.productionVersion} />
            <span className="w-16 text-right font-mono text-xs text-stone-500" title="Draft head revision">
              {p.headRevision ? `r${p.headRevision}` : '—'}
            </span>
            <time className="w-40 text-right text-xs text-stone-500" dateTime={p.updatedAt.toISOString()}>
              {dateFormat.format(p.updatedAt)} UTC
            </time>
          </Link>
        </li>
      ))}
    </ul>
  );
}
