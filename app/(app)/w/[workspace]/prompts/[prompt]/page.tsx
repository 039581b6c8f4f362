import type { Metadata } from 'next';
import { ContentView } from '@/components/prompts/content-view';
import { getPrompt } from '@/lib/data/prompts';
import { parseContent } from '@/lib/domain/content';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Prompt' };

export default async function PromptPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const parsed = prompt.headRevision ? parseContent(prompt.headRevision.content) : null;
  return parsed?.ok ? <ContentView content={parsed.content} /> : <p className="text-stone-600">This prompt has no draft yet.</p>;
}
