import type { Metadata } from 'next';
import Link from 'next/link';
import { CanaryForm } from '@/components/release/canary-form';
import { RollbackButton } from '@/components/release/rollback-button';
import { Badge } from '@/components/ui/badge';
import { can } from '@/lib/authz';
import { getDeployments } from '@/lib/data/deployments';
import { getPrompt } from '@/lib/data/prompts';
import { listReleases } from '@/lib/data/releases';
import { formatUtc } from '@/lib/domain/history';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Releases' };

export default async function ReleasesPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/releases`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const [releases, deployments] = await Promise.all([orNotFound(listReleases(ctx, prompt.id)), getDeployments(ctx, prompt.id)]);
  const base = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}`;
  const mayRollback = can(ctx.role, 'release.rollback');
  const liveVersion = releases.find((r) => r.live)?.version ?? null;
  const { canary, staging } = deployments;
  const canaryCandidates = releases.filter((r) => !r.live).map((r) => ({ id: r.id, version: r.version }));

  if (releases.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-stone-300 bg-white p-10 text-center text-sm text-stone-600">
        <p className="font-medium text-stone-800">Nothing is published yet.</p>
        <p>Production serves nothing until a revision of the draft is published as v1.</p>
      </div>
    );
  }

  return (
    <section aria-labelledby="releases-heading" className="space-y-3">
      <h2 id="releases-heading" className="text-base font-semibold text-stone-900">
        Releases <span className="font-normal text-stone-500">· newest first</span>
      </h2>
      <p data-testid="deployment-status" className="flex flex-wrap gap-x-2 text-sm text-stone-600">
        <span>
          Production: <span className="font-medium text-stone-900">{liveVersion ? `v${liveVersion}` : 'nothing'}</span>
        </span>
        <span aria-hidden>·</span>
        <span>
          Canary: <span className="font-medium text-stone-900">{canary ? `v${canary.version} at ${canary.percent}%` : 'none'}</span>
        </span>
        <span aria-hidden>·</span>
        <span>
          Staged:{' '}
          {staging ? (
            <Link href={`${base}/revisions/${staging.revisionNumber}`} className="font-medium text-indigo-700 hover:underline">
              r{staging.revisionNumber}
            </Link>
          ) : (
            <span className="font-medium text-stone-900">nothing (staging serves production)</span>
          )}
        </span>
      </p>
      {can(ctx.role, 'canary.set') && liveVersion !== null && canaryCandidates.length > 0 && (
        <CanaryForm
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          candidates={canaryCandidates}
          liveVersion={liveVersion}
          canary={canary}
        />
      )}
      <ol aria-label="Releases" className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white">
        {releases.map((r) => (
          <li key={r.id} data-testid={`release-v${r.version}`} className="flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3 text-sm">
            <div className="flex w-24 shrink-0 items-center gap-2">
              <span className="font-mono font-semibold text-stone-900">v{r.version}</span>
              {r.live && (
                <Badge tone="green" title="Production serves this release">
                  live
                </Badge>
              )}
              {canary?.releaseId === r.id && (
                <Badge tone="amber" title={`${canary.percent}% of production requests receive this release`}>
                  canary {canary.percent}%
                </Badge>
              )}
            </div>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="whitespace-pre-line break-words text-stone-800">{r.note || <span className="text-stone-500">No note</span>}</p>
              <p className="flex flex-wrap gap-x-2 text-xs text-stone-500">
                <span>{r.publishedBy}</span>
                <span aria-hidden>·</span>
                <time dateTime={r.publishedAt.toISOString()}>{formatUtc(r.publishedAt)}</time>
                <span aria-hidden>·</span>
                <Link href={`${base}/revisions/${r.revisionNumber}`} className="text-indigo-700 hover:underline">
                  from r{r.revisionNumber}
                </Link>
                <span aria-hidden>·</span>
                <Link href={`${base}/compare?from=v${r.version}&to=draft`} className="text-indigo-700 hover:underline">
                  Compare with draft
                </Link>
              </p>
            </div>
            {mayRollback && !r.live && (
              <div className="ml-auto">
                <RollbackButton
                  workspace={ctx.workspaceSlug}
                  promptId={prompt.id}
                  release={{ id: r.id, version: r.version }}
                  liveVersion={liveVersion}
                />
              </div>
            )}
          </li>
        ))}
      </ol>
      {!mayRollback && <p className="text-xs text-stone-500">Publishers and admins can roll production back to an earlier release.</p>}
    </section>
  );
}
