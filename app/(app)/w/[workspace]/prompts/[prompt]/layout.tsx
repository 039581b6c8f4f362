import { PromptHeader } from '@/components/prompts/prompt-header';
import { PromptTabs } from '@/components/prompts/prompt-tabs';
import { PublishBar } from '@/components/release/publish-bar';
import { getPrompt } from '@/lib/data/prompts';
import { orNotFound, workspacePage } from '@/lib/page-context';
import { loadPublishBar } from './publish-bar-data';

export default async function PromptLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string; prompt: string }>;
}) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const publishBar = prompt.headRevision ? await loadPublishBar(ctx, prompt.id, { candidateNumber: prompt.headRevision.number }) : null;
  const base = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}`;
  return (
    <div className="space-y-4">
      <PromptHeader workspace={ctx.workspaceSlug} prompt={prompt} />
      {publishBar && <PublishBar ctx={ctx} promptId={prompt.id} releaseCount={prompt.releaseCount} data={publishBar} />}
      <PromptTabs base={base} />
      {children}
    </div>
  );
}
