import Link from 'next/link';

/** The header's inbox entry with the unread count. */
export function InboxLink({ href, unread }: { href: string; unread: number }) {
  const label = unread ? `Inbox, ${unread} unread` : 'Inbox';
  return (
    <Link
      href={href}
      aria-label={label}
      data-testid="inbox-link"
      className="flex items-center gap-1 rounded px-2 py-1 text-stone-700 hover:bg-stone-100"
    >
      Inbox
      {unread > 0 && (
        <span data-testid="inbox-unread" className="rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
          {unread}
        </span>
      )}
    </Link>
  );
}
