import Link from 'next/link';
import type { WorkspaceContext } from '@/lib/authz';
import type { MembershipDTO } from '@/lib/data/memberships';
import type { SessionUser } from '@/lib/auth';
import { Badge } from '@/components/ui/badge';
import { InboxLink } from '@/components/notifications/inbox-link';
import { SignOutButton } from './sign-out-button';
import { WorkspaceSwitcher } from './workspace-switcher';

export function AppHeader({
  current,
  workspaces,
  user,
  unread,
}: {
  current: WorkspaceContext;
  workspaces: MembershipDTO[];
  user: SessionUser;
  unread: number;
}) {
  const base = `/w/${current.workspaceSlug}`;
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3">
        <Link href={base} className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden className="inline-block h-5 w-5 rounded bg-indigo-600" /> Galley
        </Link>
        <WorkspaceSwitcher current={current.workspaceSlug} workspaces={workspaces} />
        <nav aria-label="Workspace" className="flex items-center gap-1 text-sm">
          <Link href={base} className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100">
            Prompts
          </Link>
          <Link href={`${base}/reviews`} className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100">
            Reviews
          </Link>
          <Link href={`${base}/audit`} className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100">
            Audit log
          </Link>
          <Link href={`${base}/settings`} className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100">
            Settings
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <InboxLink href={`${base}/inbox`} unread={unread} />
          <Badge tone="indigo" title="Your role in this workspace">
            {current.role}
          </Badge>
          <Link href="/account" className="rounded px-2 py-1 text-stone-700 hover:bg-stone-100" title={`Your account (${user.email})`}>
            {user.name ?? user.email}
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
