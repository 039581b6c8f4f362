import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { authorLabel, RevisionBadges } from '@/components/history/history-list';
import { RelativeTime } from '@/components/history/relative-time';
import { RestoreButton } from '@/components/history/restore-button';
import { ContentView } from '@/components/prompts/content-view';
import { FormError } from '@/components/ui/field';
import { can } from '@/lib/authz';
import { getRevisionByNumber } from '@/lib/data/history';
import { getPrompt } from '@/lib/data/prompts';
import { parseContent } from '@/lib/domain/content';
import { formatUtc, parseRevisionNumber } from '@/lib/domain/history';
import { orNotFound, workspacePage } from '@/lib/page-context';

type Params = Promise<{ workspace: string; prompt: string; number: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const n = parseRevisionNumber((await params).number);
  return { title: n ? `r${n}` : 'Revision' };
}

export default async function RevisionPage({ params }: { params: Params }) {
  const { workspace, prompt: slug, number: segment } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/revisions/${segment}`);
  const number = parseRevisionNumber(segment);
  if (number === null) notFound();
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const revision = await orNotFound(getRevisionByNumber(ctx, prompt.id, number));
  const parsed = parseContent(revision.content);
  const base = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}`;
  return (
    <section aria-label={`Revision r${revision.number}`} className="space-y-4">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-600">
        <h2 className="font-mono text-base font-semibold text-stone-900">r{revision.number}</h2>
        <span aria-hidden>·</span>
        <span>{authorLabel(revision.author)}</span>
        <span aria-hidden>·</span>
        <RelativeTime iso={revision.createdAt.toISOString()} absolute={formatUtc(revision.createdAt)} />
        <span aria-hidden>·</span>
        <span className="font-mono" title={`sha256 ${revision.contentHash}`}>
          {revision.contentHash.slice(0, 12)}
        </span>
        <RevisionBadges revision={revision} />
        <Link href={`${base}/history`} className="ml-auto text-indigo-700 hover:underline">
          All revisions
        </Link>
      </div>
      {parsed.ok && !revision.isHead && can(ctx.role, 'revision.restore') && (
        <RestoreButton
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          revisionId={revision.id}
          revisionNumber={revision.number}
          headNumber={prompt.headRevision?.number ?? null}
          editorHref={base}
        />
      )}
      {parsed.ok ? <ContentView content={parsed.content} /> : <FormError message={`r${revision.number} is not valid content and cannot be shown.`} />}
    </section>
  );
}
