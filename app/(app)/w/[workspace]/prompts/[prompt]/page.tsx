import type { Metadata } from 'next';
import { PromptEditor } from '@/components/editor/prompt-editor';
import { IncludeUpdates } from '@/components/includes/include-updates';
import { UsedBy } from '@/components/includes/used-by';
import { can } from '@/lib/authz';
import { listDependents, listIncludablePrompts, listIncludeUpdates } from '@/lib/data/dependents';
import { getPrompt, getRevisionContent } from '@/lib/data/prompts';
import { emptyContent, parseContent } from '@/lib/domain/content';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Prompt' };

export default async function PromptPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const head = prompt.headRevision;
  if (!head) return <p className="text-stone-600">This prompt has no draft yet.</p>;
  const [content, includable, dependents] = await Promise.all([
    getRevisionContent(ctx, prompt.id, head.id),
    listIncludablePrompts(ctx, prompt.id),
    listDependents(ctx, prompt.id),
  ]);
  const parsed = parseContent(content);
  // The head's content is read once, here; a head that does not parse has no updates to offer.
  const updates = parsed.ok ? await listIncludeUpdates(ctx, prompt.id, parsed.content) : [];
  const canEdit = can(ctx.role, 'draft.save');
  return (
    <div className="space-y-4">
      <IncludeUpdates workspace={ctx.workspaceSlug} promptId={prompt.id} headRevisionId={head.id} canUpdate={canEdit} updates={updates} />
      <PromptEditor
        workspace={ctx.workspaceSlug}
        promptId={prompt.id}
        head={{ id: head.id, number: head.number, savedAt: head.createdAt.toISOString() }}
        initialContent={parsed.ok ? parsed.content : emptyContent()}
        readOnly={!canEdit}
        includable={includable}
      />
      <UsedBy workspace={ctx.workspaceSlug} dependents={dependents} />
    </div>
  );
}
