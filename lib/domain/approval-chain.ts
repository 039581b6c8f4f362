// Approval chains: ordered stages, each with who may approve and how many approvals it
// needs. Pure, so the publish action, the Publish button and the review page agree.
import { roleAtLeast, type Role } from '@/lib/authz-rules';
import type { Decision, PublishPolicy } from './policy';

/** Only roles that may review can approve a stage. */
export type ApproverRole = 'reviewer' | 'publisher' | 'admin';
export type StageApprovers = { kind: 'members'; userIds: string[] } | { kind: 'role'; minRole: ApproverRole };

export interface ApprovalStage {
  name: string;
  approvers: StageApprovers;
  required: number;
  /** null or absent: the policy's "authors may approve their own changes" applies. */
  allowSelfApproval?: boolean | null;
}

/** Like CODEOWNERS: a prompt tagged `tag` must also pass `stage`, after the policy's own stages. */
export interface TagRule {
  tag: string;
  stage: ApprovalStage;
}

export interface ChainPolicy {
  stages: ApprovalStage[];
  tagRules: TagRule[];
}

export const EMPTY_CHAIN: ChainPolicy = { stages: [], tagRules: [] };

/** A stage of the chain and why the prompt has it. */
export interface ChainLink {
  stage: ApprovalStage;
  /** null: the workspace policy; otherwise the tag whose rule added it. */
  tag: string | null;
}

/**
 * The stages a prompt must pass: the policy's stages (or, when it has none, its required
 * approvals as one stage "Approval"), then one per tag rule matching the prompt's tags.
 * An empty list means no approvals are needed.
 */
export function chainFor(policy: PublishPolicy, chain: ChainPolicy, tags: string[]): ChainLink[] {
  const base: ChainLink[] = chain.stages.length
    ? chain.stages.map((stage) => ({ stage, tag: null }))
    : policy.requiredApprovals > 0
      ? [{ stage: legacyStage(policy), tag: null }]
      : [];
  const byTag = chain.tagRules.filter((r) => tags.includes(r.tag)).map((r) => ({ stage: r.stage, tag: r.tag }));
  return [...base, ...byTag];
}

/** Whether the chain decides: the workspace has stages, or a tag rule applies to the prompt. */
export function isStaged(chain: ChainPolicy, links: ChainLink[]): boolean {
  return chain.stages.length > 0 || links.some((l) => l.tag !== null);
}

/** The no-stages policy as a stage: designated reviewers, or anyone who may review. */
export function legacyStage(policy: PublishPolicy): ApprovalStage {
  return {
    name: 'Approval',
    approvers: policy.designatedReviewerIds.length
      ? { kind: 'members', userIds: policy.designatedReviewerIds }
      : { kind: 'role', minRole: 'reviewer' },
    required: policy.requiredApprovals,
  };
}

/** A decision with the approver's current role in the workspace (null: no longer a member). */
export type ChainDecision = Decision & { reviewerRole: Role | null };

export function mayApproveStage(stage: ApprovalStage, userId: string, role: Role | null): boolean {
  if (role === null || !roleAtLeast(role, 'reviewer')) return false;
  return stage.approvers.kind === 'members' ? stage.approvers.userIds.includes(userId) : roleAtLeast(role, stage.approvers.minRole);
}

export function selfApprovalAllowed(stage: ApprovalStage, policy: PublishPolicy): boolean {
  return stage.allowSelfApproval ?? policy.allowSelfApproval;
}

export type StepState = 'done' | 'current' | 'waiting';

export interface ChainStep {
  name: string;
  tag: string | null;
  required: number;
  state: StepState;
  /** Who approved this stage, in the order they did. */
  approvedBy: { id: string; name: string }[];
  approvers: StageApprovers;
}

export interface ChainEvaluation {
  steps: ChainStep[];
  /** Fresh approvals that count for no stage, with the reason. */
  ignored: { decision: ChainDecision; reason: string }[];
  /** Index of the first unsatisfied stage; steps.length when the chain is complete. */
  current: number;
}

/**
 * Replays the fresh approvals (each reviewer's latest decision on `contentHash`) in the order
 * they were given: an approval counts for the stage that was current then, if its approver
 * may approve that stage; stages are satisfied strictly in order, and a person counts once.
 * Approvals of other content are stale and never count.
 */
export function evaluateChain(
  links: ChainLink[],
  decisions: ChainDecision[],
  opts: { contentHash: string; authorIds: string[]; policy: PublishPolicy },
): ChainEvaluation {
  const latest = new Map<string, ChainDecision>();
  for (const d of [...decisions].sort(byTime)) {
    if (d.decision === 'comment' || d.contentHash !== opts.contentHash) continue;
    latest.set(d.reviewerId, d);
  }
  const steps: ChainStep[] = links.map(({ stage, tag }) => ({
    name: stage.name,
    tag,
    required: stage.required,
    state: 'waiting',
    approvedBy: [],
    approvers: stage.approvers,
  }));
  const ignored: ChainEvaluation['ignored'] = [];
  let current = firstOpen(steps, 0);
  for (const d of [...latest.values()].filter((x) => x.decision === 'approve').sort(byTime)) {
    if (current >= steps.length) {
      ignored.push({ decision: d, reason: 'every stage was already approved' });
      continue;
    }
    const stage = links[current]!.stage;
    const reason = whyNot(stage, d, opts);
    if (reason) {
      ignored.push({ decision: d, reason });
      continue;
    }
    steps[current]!.approvedBy.push({ id: d.reviewerId, name: d.reviewerName });
    current = firstOpen(steps, current);
  }
  steps.forEach((s, i) => (s.state = i < current ? 'done' : i === current ? 'current' : 'waiting'));
  return { steps, ignored, current };
}

function whyNot(stage: ApprovalStage, d: ChainDecision, opts: { authorIds: string[]; policy: PublishPolicy }): string | null {
  if (!mayApproveStage(stage, d.reviewerId, d.reviewerRole)) return `not an approver of ${stage.name}, the stage that was open`;
  if (!selfApprovalAllowed(stage, opts.policy) && opts.authorIds.includes(d.reviewerId))
    return `authors may not approve their own change in ${stage.name}`;
  return null;
}

function firstOpen(steps: ChainStep[], from: number): number {
  let i = from;
  while (i < steps.length && steps[i]!.approvedBy.length >= steps[i]!.required) i++;
  return i;
}

function byTime(a: Decision, b: Decision): number {
  return a.createdAt.getTime() - b.createdAt.getTime();
}

/** Why `userId` may not approve now, or null when their approval would count for the current stage. */
export function approvalRefusal(
  evaluation: ChainEvaluation,
  links: ChainLink[],
  user: { id: string; role: Role; isAuthor: boolean },
  policy: PublishPolicy,
  describe: (a: StageApprovers) => string,
): string | null {
  const link = links[evaluation.current];
  if (!link) return null;
  const { stage } = link;
  if (!mayApproveStage(stage, user.id, user.role)) return `Waiting for ${stage.name}: only ${describe(stage.approvers)} can approve now.`;
  if (user.isAuthor && !selfApprovalAllowed(stage, policy)) return `Authors may not approve their own change in ${stage.name}.`;
  return null;
}

/** "Ana, Raj" or "a publisher or higher", for the steps and the reasons. */
export function describeApprovers(approvers: StageApprovers, nameOf: (id: string) => string): string {
  if (approvers.kind === 'role') return `a ${approvers.minRole}${approvers.minRole === 'admin' ? '' : ' or higher'}`;
  return approvers.userIds.map(nameOf).join(', ') || 'nobody (no members named)';
}

/** "Waiting for Safety: 0 of 1." for the current stage, or null when the chain is complete. */
export function chainBlocker(evaluation: ChainEvaluation): string | null {
  const step = evaluation.steps[evaluation.current];
  if (!step) return null;
  return `Waiting for ${step.name}: ${step.approvedBy.length} of ${step.required}.`;
}
