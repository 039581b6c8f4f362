import { AppHeader } from '@/components/layout/app-header';
import { requirePageUser } from '@/lib/auth';
import { countUnread } from '@/lib/data/notifications';
import { myWorkspaces, requestedPath, workspacePage } from '@/lib/page-context';

export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}`);
  const user = await requirePageUser(await requestedPath(`/w/${workspace}`));
  const [workspaces, unread] = await Promise.all([myWorkspaces(user.id), countUnread(ctx)]);
  return (
    <div className="min-h-screen">
      <AppHeader current={ctx} workspaces={workspaces} user={user} unread={unread} />
      <div className="mx-auto max-w-6xl px-4 py-8">{children}</div>
    </div>
  );
}
