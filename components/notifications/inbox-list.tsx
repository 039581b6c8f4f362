'use client';

import Link from 'next/link';
import { RelativeTime } from '@/components/history/relative-time';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { markAllRead, markRead } from '@/lib/actions/notifications';

export interface InboxItem {
  id: string;
  title: string;
  link: string;
  read: boolean;
  createdAt: { iso: string; absolute: string };
}

export function InboxList({ workspace, items }: { workspace: string; items: InboxItem[] }) {
  const one = useAction(markRead);
  const all = useAction(markAllRead);
  if (!items.length)
    return (
      <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">Nothing here yet.</p>
    );
  return (
    <div className="space-y-3">
      <FormError message={one.error ?? all.error} />
      <Button variant="secondary" size="sm" disabled={all.pending || items.every((i) => i.read)} onClick={() => all.run({ workspace })}>
        Mark all read
      </Button>
      <ul className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white text-sm">
        {items.map((n) => (
          <li key={n.id} data-testid="notification" data-read={n.read} className="flex items-center gap-3 px-4 py-3">
            {!n.read && <span aria-label="unread" className="inline-block h-2 w-2 rounded-full bg-indigo-600" />}
            <Link href={n.link} className={n.read ? 'text-stone-600 hover:underline' : 'font-medium hover:underline'}>
              {n.title}
            </Link>
            <span className="ml-auto text-xs text-stone-500">
              <RelativeTime iso={n.createdAt.iso} absolute={n.createdAt.absolute} />
            </span>
            {!n.read && (
              <Button variant="ghost" size="sm" disabled={one.pending} onClick={() => one.run({ workspace, notificationId: n.id })}>
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
