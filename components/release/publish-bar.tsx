import { can, type WorkspaceContext } from '@/lib/authz';
import type { DeploymentsDTO } from '@/lib/data/deployments';
import type { PublishCheck } from '@/lib/data/publish';
import type { ScheduleState } from '@/lib/data/scheduled-releases';
import { formatUtc } from '@/lib/domain/history';
import { ChainFact } from './chain-fact';
import { CanaryFact, Fact, StagingFact } from './deployment-facts';
import { PromoteButton } from './promote-button';
import { PublishButton } from './publish-button';
import { ScheduleButton } from './schedule-button';
import { ScheduledReleaseStatus } from './scheduled-release-status';
import { StageButton } from './stage-button';

/** What the bar shows, loaded by the page or layout that renders it. */
export interface PublishBarData {
  check: PublishCheck;
  deployments: DeploymentsDTO;
  /** The pending scheduled release, and the last one that ended. */
  schedule: ScheduleState;
}

export interface PublishBarProps {
  ctx: WorkspaceContext;
  promptId: string;
  /** Releases so far; the next publish writes v(releaseCount + 1). */
  releaseCount: number;
  /** Publish this revision instead of the draft head (e.g. from its revision page). */
  revisionId?: string;
  data: PublishBarData;
}

/** The draft head's publish state: what production serves, approvals, and the Publish button with its reasons. */
export function PublishBar({ ctx, promptId, releaseCount, revisionId, data }: PublishBarProps) {
  const { check, deployments, schedule } = data;
  const mayPublish = can(ctx.role, 'release.publish');
  const staged = deployments.staging;
  const productionLabel = check.production ? `Production (v${check.production.version})` : 'Nothing published';
  const required = check.requiredApprovals;
  return (
    <section
      aria-label="Publish"
      data-testid="publish-bar"
      className="flex flex-wrap items-start justify-between gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 text-sm"
    >
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-stone-600">
        <Fact label="Production">{check.production ? `v${check.production.version}` : 'nothing published'}</Fact>
        <Fact label="Draft">r{check.headNumber}</Fact>
        <StagingFact deployments={deployments} />
        <CanaryFact deployments={deployments} />
        {check.chain && <ChainFact steps={check.chain} />}
        {!check.chain && required > 0 && (
          <Fact label={`Approvals of r${check.candidate.number}`}>
            {check.approvals.counted.length} of {required}
          </Fact>
        )}
      </dl>
      <div className="flex flex-wrap items-start gap-2">
        {!revisionId && can(ctx.role, 'staging.pin') && (
          <StageButton
            workspace={ctx.workspaceSlug}
            promptId={promptId}
            revision={{ id: check.candidate.id, number: check.candidate.number }}
            stagedNumber={deployments.staging?.revisionNumber ?? null}
          />
        )}
        {!revisionId && mayPublish && staged && (
          <PromoteButton
            workspace={ctx.workspaceSlug}
            promptId={promptId}
            staged={staged}
            live={staged.contentHash === check.production?.contentHash}
          />
        )}
        {!revisionId && mayPublish && check.gate.allowed && !schedule.pending && (
          <ScheduleButton
            workspace={ctx.workspaceSlug}
            promptId={promptId}
            revision={{ id: check.candidate.id, number: check.candidate.number }}
          />
        )}
        <PublishButton
          workspace={ctx.workspaceSlug}
          promptId={promptId}
          revision={{ id: check.candidate.id, number: check.candidate.number }}
          nextVersion={releaseCount + 1}
          gate={check.gate}
          productionLabel={productionLabel}
          draftPolicy={check.draftPolicy}
        />
      </div>
      <div className="basis-full empty:hidden">
        <ScheduledReleaseStatus
          workspace={ctx.workspaceSlug}
          promptId={promptId}
          scheduleState={schedule}
          utc={{
            pending: schedule.pending && formatUtc(schedule.pending.runAt),
            last: schedule.last && formatUtc(schedule.last.runAt),
          }}
          mayCancel={mayPublish}
        />
      </div>
    </section>
  );
}
