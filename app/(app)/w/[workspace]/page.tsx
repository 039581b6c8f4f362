import type { Metadata } from 'next';
import Link from 'next/link';
import { PromptList } from '@/components/prompts/prompt-list';
import { PromptSearch } from '@/components/prompts/prompt-search';
import { buttonClass } from '@/components/ui/button';
import { can } from '@/lib/authz';
import { listPrompts } from '@/lib/data/prompts';
import { workspacePage } from '@/lib/page-context';
import { promptListQuerySchema } from '@/lib/schemas/prompt';

export const metadata: Metadata = { title: 'Prompts' };

export default async function WorkspaceDashboard({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}`);
  const query = promptListQuerySchema.parse(await searchParams);
  const { items, nextCursor } = await listPrompts(ctx, query);
  const base = `/w/${ctx.workspaceSlug}`;
  return (
    <main className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Prompts</h1>
        <span className="text-sm text-stone-500">{ctx.workspaceName}</span>
        <div className="ml-auto flex items-center gap-2">
          <PromptSearch initial={query.q ?? ''} />
          {can(ctx.role, 'prompt.create') && (
            <Link href={`${base}/prompts/new`} className={buttonClass('primary')}>
              New prompt
            </Link>
          )}
        </div>
      </div>
      <PromptList base={base} items={items} query={query.q} />
      {nextCursor && (
        <div className="flex justify-center">
          <Link
            className={buttonClass('secondary')}
            href={`${base}?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), cursor: nextCursor })}`}
          >
            Older prompts
          </Link>
        </div>
      )}
    </main>
  );
}
