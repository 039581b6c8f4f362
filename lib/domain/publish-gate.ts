// The publish gate: one pure function from the policy, the tag rules, the approvals (with
// their contentHash and the approvers' roles), the authors and the facts about production,
// to every reason a revision may not be published. The publish action, the Publish button,
// the review page and scheduled releases all call it, so they cannot drift.
import type { Role } from '@/lib/authz-rules';
import {
  chainFor,
  evaluateChain,
  isStaged,
  type ChainDecision,
  type ChainEvaluation,
  type ChainLink,
  type ChainPolicy,
} from './approval-chain';
import { unresolvedBlocker, type ThreadSummary } from './comment-anchor';
import { publishBlockers, summarizeApprovals, type ApprovalSummary, type PublishBlocker, type PublishPolicy } from './policy';

export interface GateInput {
  role: Role;
  policy: PublishPolicy;
  chain: ChainPolicy;
  /** The prompt's tags, which select the tag rules. */
  tags: string[];
  decisions: ChainDecision[];
  /** The revision's author and whoever requested a review of its content. */
  authorIds: string[];
  candidate: { contentHash: string; revisionNumber: number };
  headRevisionNumber: number;
  production: { contentHash: string; version: number } | null;
  evaluationPassed: boolean | null;
  /**
   * The "all conversations resolved before publishing" option and the prompt's comment
   * threads; absent, conversations do not gate.
   */
  conversations?: { required: boolean; threads: ThreadSummary[]; productionRevisionNumber: number | null };
}

export interface GateResult {
  blockers: PublishBlocker[];
  approvals: ApprovalSummary;
  /** The stages and their state; null when the prompt has no stages (the required-approvals policy decides). */
  chain: ChainEvaluation | null;
  links: ChainLink[];
}

/**
 * With no stages and no matching tag rule this is exactly the required-approvals policy.
 * Otherwise the chain decides, and the approvals summary reports what it counted.
 */
export function evaluateGate(input: GateInput): GateResult {
  const links = chainFor(input.policy, input.chain, input.tags);
  const summary = summarizeApprovals(input.decisions, {
    contentHash: input.candidate.contentHash,
    authorIds: input.authorIds,
    policy: input.policy,
  });
  const staged = isStaged(input.chain, links);
  const chain = staged
    ? evaluateChain(links, input.decisions, {
        contentHash: input.candidate.contentHash,
        authorIds: input.authorIds,
        policy: input.policy,
      })
    : null;
  const approvals: ApprovalSummary = chain
    ? {
        counted: summary.counted
          .concat(summary.ignored.map((i) => i.decision))
          .filter((d) => chain.steps.some((s) => s.approvedBy.some((a) => a.id === d.reviewerId))),
        stale: summary.stale,
        ignored: chain.ignored,
        changesRequested: summary.changesRequested,
      }
    : summary;
  const blockers = publishBlockers({
    role: input.role,
    policy: input.policy,
    approvals,
    candidate: input.candidate,
    headRevisionNumber: input.headRevisionNumber,
    production: input.production,
    evaluationPassed: input.evaluationPassed,
    chain,
  });
  const unresolved = input.conversations?.required
    ? unresolvedBlocker(input.conversations.threads, input.conversations.productionRevisionNumber)
    : null;
  if (unresolved) blockers.push({ code: 'conversations', message: unresolved });
  return { blockers, approvals, chain, links };
}
