import type { Metadata } from 'next';
import { InviteMemberForm } from '@/components/settings/invite-member-form';
import { MembersTable } from '@/components/settings/members-table';
import { can } from '@/lib/authz';
import { listMembers } from '@/lib/data/members';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/settings`);
  const { members, invitations } = await listMembers(ctx);
  const manage = can(ctx.role, 'member.role_change');
  return (
    <main className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-stone-600">{ctx.workspaceName}</p>
      </div>
      <section className="space-y-3" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">Members</h2>
        {!manage && <p className="text-sm text-stone-600">Only admins can invite members or change roles.</p>}
        <MembersTable workspace={ctx.workspaceSlug} members={members} invitations={invitations} currentUserId={ctx.userId} manage={manage} />
        {manage && <InviteMemberForm workspace={ctx.workspaceSlug} />}
      </section>
    </main>
  );
}
