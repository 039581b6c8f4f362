import { PromptHeader } from '@/components/prompts/prompt-header';
import { PromptTabs } from '@/components/prompts/prompt-tabs';
import { PublishBar } from '@/components/release/publish-bar';
import { FollowButton } from '@/components/notifications/follow-button';
import { isFollowing } from '@/lib/data/notifications';
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
  const [publishBar, following] = await Promise.all([
    prompt.headRevision ? loadPublishBar(ctx, prompt.id) : null,
    isFollowing(ctx, prompt.id),
  ]);
  const base = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}`;
  return (
    <div className="space-y-4">
      <div className="flex items-start justify-between gap-4">
        <PromptHeader workspace={ctx.workspaceSlug} prompt={prompt} />
        <FollowButton workspace={ctx.workspaceSlug} promptId={prompt.id} following={following} />
      </div>
      {publishBar && <PublishBar ctx={ctx} promptId={prompt.id} releaseCount={prompt.releaseCount} data={publishBar} />}
      <PromptTabs base={base} />
      {children}
    </div>
  );
}
