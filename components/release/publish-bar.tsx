import { ContentDiff } from '@/components/diff/content-diff';
import { can, type WorkspaceContext } from '@/lib/authz';
import { resolveRef, type ResolvedRef } from '@/lib/data/compare';
import { getDeployments } from '@/lib/data/deployments';
import { getPublishCheck } from '@/lib/data/publish';
import { AppError } from '@/lib/errors';
import { PublishButton } from './publish-button';
import { StageButton } from './stage-button';

export interface PublishBarProps {
  ctx: WorkspaceContext;
  promptId: string;
  /** Releases so far; the next publish writes v(releaseCount + 1). */
  releaseCount: number;
  /** Publish this revision instead of the draft head (e.g. from its revision page). */
  revisionId?: string;
}

/** The draft head's publish state: what production serves, approvals, and the Publish button with its reasons. */
export async function PublishBar({ ctx, promptId, releaseCount, revisionId }: PublishBarProps) {
  const loaded = await load(ctx, promptId, revisionId);
  if (!loaded) return null;
  const { check, production, candidate } = loaded;
  const deployments = await getDeployments(ctx, promptId);
  const productionLabel = production?.label ?? 'Nothing published';
  const required = check.requiredApprovals;
  return (
    <section aria-label="Publish" data-testid="publish-bar" className="flex flex-wrap items-start justify-between gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 text-sm">
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-stone-600">
        <div className="flex gap-1.5">
          <dt>Production</dt>
          <dd className="font-medium text-stone-900">{check.production ? `v${check.production.version}` : 'nothing published'}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt>Draft</dt>
          <dd className="font-medium text-stone-900">r{check.headNumber}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt>Staging</dt>
          <dd className="font-medium text-stone-900">{deployments.staging ? `r${deployments.staging.revisionNumber}` : 'nothing staged'}</dd>
        </div>
        {deployments.canary && (
          <div className="flex gap-1.5">
            <dt>Canary</dt>
            <dd className="font-medium text-stone-900">
              v{deployments.canary.version} at {deployments.canary.percent}%
            </dd>
          </div>
        )}
        {required > 0 && (
          <div className="flex gap-1.5">
            <dt>Approvals of r{check.candidate.number}</dt>
            <dd className="font-medium text-stone-900">
              {check.approvals.counted.length} of {required}
            </dd>
          </div>
        )}
      </dl>
      <div className="flex flex-wrap items-start gap-2">
      {!revisionId && can(ctx.role, 'staging.pin') && (
        <StageButton workspace={ctx.workspaceSlug} promptId={promptId} revision={{ id: check.candidate.id, number: check.candidate.number }} stagedNumber={deployments.staging?.revisionNumber ?? null} />
      )}
      <PublishButton
        workspace={ctx.workspaceSlug}
        promptId={promptId}
        revision={{ id: check.candidate.id, number: check.candidate.number }}
        nextVersion={releaseCount + 1}
        gate={check.gate}
        productionLabel={productionLabel}
        draftPolicy={check.draftPolicy}
        diff={
          candidate ? (
            <ContentDiff before={production?.content ?? null} after={candidate.content} beforeLabel={productionLabel} afterLabel={candidate.label} />
          ) : (
            <p className="text-stone-600">This revision cannot be shown as a diff.</p>
          )
        }
      />
      </div>
    </section>
  );
}

async function load(ctx: WorkspaceContext, promptId: string, revisionId?: string) {
  let check;
  try {
    check = await getPublishCheck(ctx, promptId, revisionId);
  } catch (e) {
    // A prompt without a draft has nothing to publish; the page itself says so.
    if (e instanceof AppError && e.code === 'not_found') return null;
    throw e;
  }
  const [production, candidate] = await Promise.all([
    resolveRef(ctx, promptId, 'production').catch(unreadable),
    resolveRef(ctx, promptId, `r${check.candidate.number}`).catch(unreadable),
  ]);
  return { check, production, candidate };
}

/** Content that does not parse still gets a Publish bar, only without its diff. */
function unreadable(e: unknown): ResolvedRef | null {
  if (e instanceof AppError && (e.code === 'invalid' || e.code === 'not_found')) return null;
  throw e;
}
