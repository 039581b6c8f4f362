import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { authorLabel, RevisionBadges } from '@/components/history/history-list';
import { RelativeTime } from '@/components/history/relative-time';
import { RestoreButton } from '@/components/history/restore-button';
import { ContentView } from '@/components/prompts/content-view';
import { PublishBar } from '@/components/release/publish-bar';
import { CanaryFact, Fact, StagingFact } from '@/components/release/deployment-facts';
import { StageButton } from '@/components/release/stage-button';
import { FormError } from '@/components/ui/field';
import { can } from '@/lib/authz';
import { getDeployments } from '@/lib/data/deployments';
import { getRevisionByNumber } from '@/lib/data/history';
import { getPrompt } from '@/lib/data/prompts';
import { parseContent } from '@/lib/domain/content';
import { formatUtc, parseRevisionNumber } from '@/lib/domain/history';
import { orNotFound, workspacePage } from '@/lib/page-context';
import { loadPublishBar } from '../../publish-bar-data';

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
  const [revision, deployments] = await Promise.all([
    orNotFound(getRevisionByNumber(ctx, prompt.id, number)),
    getDeployments(ctx, prompt.id),
  ]);
  const parsed = parseContent(revision.content);
  // Publishing an older revision than the head is allowed; with the "retain" draft policy the work after it survives.
  const publishBar = parsed.ok && !revision.isHead ? await loadPublishBar(ctx, prompt.id, { revisionId: revision.id, deployments }) : null;
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
      <dl aria-label="Deployments" data-testid="deployment-status" className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-600">
        <StagingFact deployments={deployments} />
        <Fact label="Production">{deployments.production ? `v${deployments.production.version}` : 'nothing published'}</Fact>
        <CanaryFact deployments={deployments} />
      </dl>
      {parsed.ok && can(ctx.role, 'staging.pin') && (
        <StageButton
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          revision={{ id: revision.id, number: revision.number }}
          stagedNumber={deployments.staging?.revisionNumber ?? null}
        />
      )}
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
      {publishBar && (
        <PublishBar ctx={ctx} promptId={prompt.id} releaseCount={prompt.releaseCount} revisionId={revision.id} data={publishBar} />
      )}
      {parsed.ok ? (
        <ContentView content={parsed.content} />
      ) : (
        <FormError message={`r${revision.number} is not valid content and cannot be shown.`} />
      )}
    </section>
  );
}
