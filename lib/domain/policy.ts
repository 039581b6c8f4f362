// Publish policy: which approvals count, when they are stale, and whether a revision may be
// published — pure, so the Publish button and the publish action give the same reasons.
import { ACTION_MIN_ROLE, can, type Role } from '@/lib/authz-rules';
import { chainBlocker, type ChainEvaluation } from './approval-chain';

export type DraftPolicy = 'reset' | 'retain';

export interface PublishPolicy {
  requiredApprovals: number;
  allowSelfApproval: boolean;
  /** All conversations (line comment threads) resolved before publishing. */
  requireResolvedConversations: boolean;
  requirePassingEvaluation: boolean;
  draftPolicy: DraftPolicy;
  designatedReviewerIds: string[];
}

export type PolicyOverride = { [K in keyof PublishPolicy]?: PublishPolicy[K] | null };

export const DEFAULT_POLICY: PublishPolicy = {
  requiredApprovals: 0,
  allowSelfApproval: false,
  requireResolvedConversations: false,
  requirePassingEvaluation: false,
  draftPolicy: 'reset',
  designatedReviewerIds: [],
};

/** The prompt's own setting wins where it has one; an empty reviewer list inherits. */
export function effectivePolicy(workspace: PublishPolicy, prompt: PolicyOverride): PublishPolicy {
  return {
    requiredApprovals: prompt.requiredApprovals ?? workspace.requiredApprovals,
    allowSelfApproval: prompt.allowSelfApproval ?? workspace.allowSelfApproval,
    requireResolvedConversations: prompt.requireResolvedConversations ?? workspace.requireResolvedConversations,
    requirePassingEvaluation: prompt.requirePassingEvaluation ?? workspace.requirePassingEvaluation,
    draftPolicy: prompt.draftPolicy ?? workspace.draftPolicy,
    designatedReviewerIds: prompt.designatedReviewerIds?.length ? prompt.designatedReviewerIds : workspace.designatedReviewerIds,
  };
}

export interface Decision {
  reviewerId: string;
  reviewerName: string;
  decision: 'approve' | 'request_changes' | 'comment';
  contentHash: string;
  /** The revision number the decision was made on, for "approved r40; draft is now r43". */
  revisionNumber: number;
  createdAt: Date;
  /**
   * The reviewer's role in the workspace now (null: no longer a member). A decision by someone
   * who can no longer review does not count. Undefined when the caller does not know.
   */
  reviewerRole?: Role | null;
}

export interface ApprovalSummary {
  /** Approvals that count toward the policy for this exact content. */
  counted: Decision[];
  /** Approvals of other content (older drafts): shown, never counted. */
  stale: Decision[];
  /** Approvals that do not count by policy (self-approval, not a designated reviewer). */
  ignored: { decision: Decision; reason: string }[];
  changesRequested: Decision[];
}

/**
 * Each reviewer's latest approve/request-changes decision on `contentHash` decides; comments
 * change nothing. Approvals bind to content, so any other hash is stale.
 */
export function summarizeApprovals(
  decisions: Decision[],
  opts: { contentHash: string; authorIds: string[]; policy: PublishPolicy },
): ApprovalSummary {
  const latest = new Map<string, Decision>();
  const latestStale = new Map<string, Decision>();
  for (const d of [...decisions].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    if (d.decision === 'comment') continue;
    if (d.contentHash === opts.contentHash) latest.set(d.reviewerId, d);
    else latestStale.set(d.reviewerId, d);
  }
  const summary: ApprovalSummary = { counted: [], stale: [], ignored: [], changesRequested: [] };
  for (const d of latest.values()) {
    if (d.reviewerRole !== undefined && (d.reviewerRole === null || !can(d.reviewerRole, 'review.decide')))
      summary.ignored.push({ decision: d, reason: d.reviewerRole === null ? 'no longer a member' : 'no longer a reviewer' });
    else if (d.decision === 'request_changes') summary.changesRequested.push(d);
    else if (!opts.policy.allowSelfApproval && opts.authorIds.includes(d.reviewerId))
      summary.ignored.push({ decision: d, reason: 'authors may not approve their own change' });
    else if (opts.policy.designatedReviewerIds.length && !opts.policy.designatedReviewerIds.includes(d.reviewerId))
      summary.ignored.push({ decision: d, reason: 'not a designated reviewer' });
    else summary.counted.push(d);
  }
  for (const d of latestStale.values()) if (!latest.has(d.reviewerId) && d.decision === 'approve') summary.stale.push(d);
  return summary;
}

export interface PublishGateInput {
  role: Role;
  policy: PublishPolicy;
  approvals: ApprovalSummary;
  candidate: { contentHash: string; revisionNumber: number };
  headRevisionNumber: number;
  production: { contentHash: string; version: number } | null;
  /** null: no run on this content yet. */
  evaluationPassed: boolean | null;
  /** The approval chain when the prompt has stages; then it decides instead of `requiredApprovals`. */
  chain?: ChainEvaluation | null;
}

export interface PublishGate {
  allowed: boolean;
  reasons: string[];
}

/** Why a publish is refused, typed: the server maps `role` to 403 and the rest to 409. */
export type PublishBlockerCode = 'role' | 'unchanged' | 'approvals' | 'changes_requested' | 'evaluation' | 'conversations';
export interface PublishBlocker {
  code: PublishBlockerCode;
  message: string;
}

export function publishBlockers(input: PublishGateInput): PublishBlocker[] {
  const blockers: PublishBlocker[] = [];
  const block = (code: PublishBlockerCode, message: string) => blockers.push({ code, message });
  if (!can(input.role, 'release.publish')) {
    block('role', `Your role (${input.role}) cannot publish; it needs ${ACTION_MIN_ROLE['release.publish']} or higher.`);
  }
  if (input.production && input.production.contentHash === input.candidate.contentHash) {
    block('unchanged', `Nothing changed since production (v${input.production.version} has the same content).`);
  }
  const { counted, stale, changesRequested } = input.approvals;
  const need = input.policy.requiredApprovals;
  const waiting = input.chain
    ? chainBlocker(input.chain)
    : counted.length < need
      ? `Needs ${need} approval${need === 1 ? '' : 's'} of r${input.candidate.revisionNumber}; has ${counted.length}.`
      : null;
  if (waiting) {
    let reason = waiting;
    if (stale.length) {
      const s = stale.map((d) => `${d.reviewerName} approved r${d.revisionNumber}`).join(', ');
      reason += ` Stale: ${s}; draft is now r${input.headRevisionNumber}.`;
    }
    block('approvals', reason);
  }
  if (changesRequested.length) {
    block('changes_requested', `Changes requested by ${changesRequested.map((d) => d.reviewerName).join(', ')}.`);
  }
  if (input.policy.requirePassingEvaluation && input.evaluationPassed !== true) {
    block(
      'evaluation',
      input.evaluationPassed === false
        ? 'The latest evaluation run on this content failed.'
        : 'A passing evaluation run on this exact content is required.',
    );
  }
  return blockers;
}

/** The gate as the UI shows it: allowed, or the reasons in plain words. */
export function gateOf(blockers: PublishBlocker[]): PublishGate {
  return { allowed: blockers.length === 0, reasons: blockers.map((b) => b.message) };
}

export function publishGate(input: PublishGateInput): PublishGate {
  return gateOf(publishBlockers(input));
}
