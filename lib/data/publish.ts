import 'server-only';
import { cache } from 'react';
import type { WorkspaceContext } from '@/lib/authz';
import {
  effectivePolicy,
  gateOf,
  type ApprovalSummary,
  type PolicyOverride,
  type PublishBlocker,
  type PublishGate,
  type PublishPolicy,
} from '@/lib/domain/policy';
import { evaluateGate } from '@/lib/domain/publish-gate';
import { threadSummaries } from './review-comments';
import { AppError } from '@/lib/errors';
import { chainOf, chainSelect, describeSteps, type ChainStepView } from './approval-chain';
import type { Tx } from './audit';
import { db } from './db';
import { policySelect } from './policy';
import { publishRevision, servedRelease } from './releases';
import { oncePerRequest, servedReleaseNow } from './request-reads';
import { loadDecisions } from './reviews';

type Client = Tx | Awaited<ReturnType<typeof db>>;

async function evaluationPassed(client: Client, promptId: string, contentHash: string): Promise<boolean | null> {
  const run = await client.evaluationRun.findFirst({
    where: { promptId, contentHash, status: { in: ['passed', 'failed', 'errored'] } },
    orderBy: { createdAt: 'desc' },
    select: { status: true },
  });
  return run ? run.status === 'passed' : null;
}

export interface PublishCheck {
  gate: PublishGate;
  blockers: PublishBlocker[];
  candidate: { id: string; number: number; contentHash: string };
  headNumber: number;
  production: { id: string; version: number; contentHash: string } | null;
  draftPolicy: 'reset' | 'retain';
  requiredApprovals: number;
  approvals: ApprovalSummary;
  /** The approval chain's steps; null when the prompt has no stages. */
  chain: ChainStepView[] | null;
}

/** The prompt (with its head and policy override) and the workspace (policy and chain), side by side. */
function readPolicies(client: Client, promptId: string, workspaceId: string) {
  return Promise.all([
    client.prompt.findFirst({
      where: { id: promptId, workspaceId },
      select: {
        ...policySelect,
        id: true,
        tags: true,
        headRevision: { select: { id: true, number: true, contentHash: true, createdById: true } },
      },
    }),
    client.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { ...policySelect, ...chainSelect } }),
  ]);
}

/** The check's inputs that belong to the prompt, not to the revision checked. */
interface PromptReads {
  policies: typeof readPolicies;
  decisions: typeof loadDecisions;
  served: typeof servedRelease;
  threads: typeof threadSummaries;
}

const directReads: PromptReads = { policies: readPolicies, decisions: loadDecisions, served: servedRelease, threads: threadSummaries };

// A page's checks (outside a transaction) read the prompt-level inputs once per request; the
// client argument is the shared handle there, so the cached reads ignore it.
const ignoringClient =
  <T>(read: (promptId: string, workspaceId: string) => Promise<T>) =>
  (_client: Client, promptId: string, workspaceId: string) =>
    read(promptId, workspaceId);
const pageReads: PromptReads = {
  policies: ignoringClient(oncePerRequest(readPolicies)),
  decisions: ignoringClient(oncePerRequest(loadDecisions)),
  served: ignoringClient(servedReleaseNow),
  threads: ignoringClient(oncePerRequest(threadSummaries)),
};

/** Everything the Publish button and the publish action decide on, for one revision (default: the head). */
export async function checkPublish(
  client: Client,
  ctx: WorkspaceContext,
  promptId: string,
  revisionId?: string,
  reads: PromptReads = directReads,
): Promise<PublishCheck> {
  const [prompt, workspace] = await reads.policies(client, promptId, ctx.workspaceId);
  if (!prompt?.headRevision) throw new AppError('not_found', 'Prompt not found');
  const effective = effectivePolicy(workspace as PublishPolicy, prompt as PolicyOverride);
  const chainPolicy = chainOf(workspace);
  // The head comes with the prompt; only another revision costs a query of its own.
  const candidate = revisionId
    ? await client.revision.findFirst({
        where: { id: revisionId, promptId: prompt.id },
        select: { id: true, number: true, contentHash: true, createdById: true },
      })
    : prompt.headRevision;
  if (!candidate) throw new AppError('not_found', 'Revision not found');
  const [decisions, production, passed, requesters, threads] = await Promise.all([
    reads.decisions(client, prompt.id, ctx.workspaceId),
    reads.served(client, prompt.id, ctx.workspaceId),
    evaluationPassed(client, prompt.id, candidate.contentHash),
    client.review.findMany({ where: { promptId: prompt.id, contentHash: candidate.contentHash }, select: { requestedById: true } }),
    reads.threads(client, prompt.id, ctx.workspaceId),
  ]);
  const authorIds = [candidate.createdById, ...requesters.map((r) => r.requestedById)];
  const { blockers, approvals, chain } = evaluateGate({
    role: ctx.role,
    policy: effective,
    chain: chainPolicy,
    tags: prompt.tags,
    decisions,
    authorIds,
    candidate: { contentHash: candidate.contentHash, revisionNumber: candidate.number },
    headRevisionNumber: prompt.headRevision.number,
    production,
    evaluationPassed: passed,
    conversations: { required: effective.requireResolvedConversations, ...threads },
  });
  return {
    gate: gateOf(blockers),
    blockers,
    candidate: { id: candidate.id, number: candidate.number, contentHash: candidate.contentHash },
    headNumber: prompt.headRevision.number,
    production,
    draftPolicy: effective.draftPolicy,
    requiredApprovals: effective.requiredApprovals,
    approvals,
    chain: chain ? await describeSteps(client, chain.steps) : null,
  };
}

/**
 * The check for a page, once per request (React's cache: the prompt layout's Publish bar and a
 * review of the head ask the same; pass no revision for the head). A page that checks two
 * revisions (the head's bar and a revision's) reads the prompt-level inputs once.
 */
export const getPublishCheck = cache(async (ctx: WorkspaceContext, promptId: string, revisionId?: string) =>
  checkPublish(await db(), ctx, promptId, revisionId, pageReads),
);

/** Publishes after re-checking role, policy, fresh approvals and change — inside the publish transaction, under the prompt lock. */
export async function publish(ctx: WorkspaceContext, input: { promptId: string; revisionId: string; note: string }) {
  return publishRevision(ctx, { ...input, draftPolicy: 'reset' }, (tx) => assertGateOpen(tx, ctx, input.promptId, input.revisionId));
}

/** The gate, inside the caller's transaction: an AppError naming every reason when it is closed. */
export async function assertGateOpen(tx: Tx, ctx: WorkspaceContext, promptId: string, revisionId: string) {
  const check = await checkPublish(tx, ctx, promptId, revisionId);
  if (!check.gate.allowed) {
    // Only the role is missing: a permission problem (403). Anything else can change (409).
    const onlyRole = check.blockers.every((b) => b.code === 'role');
    throw new AppError(onlyRole ? 'forbidden' : 'conflict', check.gate.reasons.join(' '), {
      details: { reasons: check.gate.reasons, blockers: check.blockers },
    });
  }
  return { draftPolicy: check.draftPolicy };
}
