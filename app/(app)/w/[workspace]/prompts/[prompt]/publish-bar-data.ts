import 'server-only';
import type { PublishBarData } from '@/components/release/publish-bar';
import type { WorkspaceContext } from '@/lib/authz';
import { resolveRef, type ResolvedRef } from '@/lib/data/compare';
import { listDependents } from '@/lib/data/dependents';
import { getDeployments, type DeploymentsDTO } from '@/lib/data/deployments';
import { getPublishCheck } from '@/lib/data/publish';
import { getScheduleState } from '@/lib/data/scheduled-releases';
import { AppError } from '@/lib/errors';

export interface PublishBarTarget {
  /** The revision the bar publishes: the draft head (layout) or the revision of the page. */
  candidateNumber: number;
  /** Publish this revision instead of the draft head. */
  revisionId?: string;
  /** Deployments the page already loaded, so they are not read twice. */
  deployments?: DeploymentsDTO;
}

/**
 * Loads the Publish bar's data, all reads in parallel; null when the prompt has nothing to
 * publish (no draft), in which case the page itself says so and the bar is not rendered.
 */
export async function loadPublishBar(ctx: WorkspaceContext, promptId: string, target: PublishBarTarget): Promise<PublishBarData | null> {
  const [check, deployments, production, candidate, schedule, dependents] = await Promise.all([
    getPublishCheck(ctx, promptId, target.revisionId).catch(nothingToPublish),
    later(target.deployments ?? getDeployments(ctx, promptId)),
    resolveRef(ctx, promptId, 'production').catch(unreadable),
    resolveRef(ctx, promptId, `r${target.candidateNumber}`).catch(unreadable),
    later(getScheduleState(ctx, promptId)),
    listDependents(ctx, promptId),
  ]);
  if (!check) return null;
  return {
    check,
    deployments: deployments(),
    schedule: schedule(),
    dependents,
    production,
    // The head can move between the page's read and the check's: diff what the button publishes.
    candidate:
      check.candidate.number === target.candidateNumber
        ? candidate
        : await resolveRef(ctx, promptId, `r${check.candidate.number}`).catch(unreadable),
  };
}

/** A prompt without a draft has nothing to publish. */
function nothingToPublish(e: unknown): null {
  if (e instanceof AppError && e.code === 'not_found') return null;
  throw e;
}

/** Content that does not parse still gets a Publish bar, only without its diff. */
function unreadable(e: unknown): ResolvedRef | null {
  if (e instanceof AppError && (e.code === 'invalid' || e.code === 'not_found')) return null;
  throw e;
}

/** Holds a rejection until the value is used, so "nothing to publish" wins over the other reads' errors. */
function later<T>(promise: Promise<T> | T): Promise<() => T> {
  return Promise.resolve(promise).then(
    (value) => () => value,
    (error: unknown) => () => {
      throw error;
    },
  );
}
