import 'server-only';
import type { PublishBarData } from '@/components/release/publish-bar';
import type { WorkspaceContext } from '@/lib/authz';
import { getDeployments, type DeploymentsDTO } from '@/lib/data/deployments';
import { getPublishCheck } from '@/lib/data/publish';
import { getScheduleState } from '@/lib/data/scheduled-releases';
import { AppError } from '@/lib/errors';

export interface PublishBarTarget {
  /** Publish this revision instead of the draft head. */
  revisionId?: string;
  /** Deployments the page already loaded, so they are not read twice. */
  deployments?: DeploymentsDTO;
}

/**
 * Loads the Publish bar's data, all reads in parallel; null when the prompt has nothing to
 * publish (no draft), in which case the page itself says so and the bar is not rendered.
 */
export async function loadPublishBar(
  ctx: WorkspaceContext,
  promptId: string,
  target: PublishBarTarget = {},
): Promise<PublishBarData | null> {
  // The diff's contents and the prompts that include this one are not read here: the dialog
  // fetches them when it opens (loadPublishDiff).
  const [check, deployments, schedule] = await Promise.all([
    getPublishCheck(ctx, promptId, target.revisionId).catch(nothingToPublish),
    later(target.deployments ?? getDeployments(ctx, promptId)),
    later(getScheduleState(ctx, promptId)),
  ]);
  if (!check) return null;
  return { check, deployments: deployments(), schedule: schedule() };
}

/** A prompt without a draft has nothing to publish. */
function nothingToPublish(e: unknown): null {
  if (e instanceof AppError && e.code === 'not_found') return null;
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
