import type { Metadata } from 'next';
import { HistoryList } from '@/components/history/history-list';
import { listRevisions } from '@/lib/data/history';
import { getPrompt } from '@/lib/data/prompts';
import { orNotFound, workspacePage } from '@/lib/page-context';
import { historyQuerySchema } from '@/lib/schemas/history';

export const metadata: Metadata = { title: 'History' };

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; prompt: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/history`);
  const { before } = historyQuerySchema.parse(await searchParams);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const { items, nextBefore } = await listRevisions(ctx, prompt.id, { before });
  return (
    <section aria-label="Revision history">
      <HistoryList
        base={`/w/${ctx.workspaceSlug}/prompts/${prompt.slug}`}
        items={items}
        nextBefore={nextBefore}
        paged={before !== undefined}
      />
    </section>
  );
}
