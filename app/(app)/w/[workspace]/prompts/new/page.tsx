import type { Metadata } from 'next';
import { CreatePromptForm } from '@/components/prompts/create-prompt-form';
import { can, ACTION_MIN_ROLE } from '@/lib/authz';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'New prompt' };

export default async function NewPromptPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/new`);
  return (
    <main className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">New prompt</h1>
      {can(ctx.role, 'prompt.create') ? (
        <CreatePromptForm workspace={ctx.workspaceSlug} />
      ) : (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-amber-900">
          Your role ({ctx.role}) cannot create prompts; it needs {ACTION_MIN_ROLE['prompt.create']} or higher. Ask a workspace admin.
        </p>
      )}
    </main>
  );
}
