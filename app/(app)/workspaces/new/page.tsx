import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateWorkspaceForm } from '@/components/settings/create-workspace-form';
import { requirePageUser } from '@/lib/auth';

export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requirePageUser('/workspaces/new');
  return (
    <main className="mx-auto max-w-md space-y-6 px-4 py-16">
      <Link href="/" className="text-sm text-stone-500 hover:underline">
        ← Back
      </Link>
      <h1 className="text-2xl font-semibold">New workspace</h1>
      <p className="text-stone-600">A workspace holds a team&apos;s prompts, members, environments and API keys. You will be its admin.</p>
      <CreateWorkspaceForm />
    </main>
  );
}
