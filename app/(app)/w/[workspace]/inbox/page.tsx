import type { Metadata } from 'next';
import { InboxList } from '@/components/notifications/inbox-list';
import { listNotifications } from '@/lib/data/notifications';
import { formatUtc } from '@/lib/domain/history';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/inbox`);
  const items = await listNotifications(ctx);
  return (
    <main className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Inbox</h1>
        <p className="text-sm text-stone-600">Reviews waiting for you, decisions on your reviews, releases of prompts you follow.</p>
      </div>
      <InboxList
        workspace={ctx.workspaceSlug}
        items={items.map((n) => ({
          id: n.id,
          title: n.title,
          link: n.link,
          read: n.read,
          createdAt: { iso: n.createdAt.toISOString(), absolute: formatUtc(n.createdAt) },
        }))}
      />
    </main>
  );
}
