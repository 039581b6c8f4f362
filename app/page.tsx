import { redirect } from 'next/navigation';
import { requirePageUser } from '@/lib/auth';
import { listMyWorkspaces } from '@/lib/data/memberships';

export default async function Home() {
  const user = await requirePageUser('/');
  const [first] = await listMyWorkspaces(user.id);
  if (!first) redirect('/workspaces/new');
  redirect(`/w/${first.workspaceSlug}`);
}
