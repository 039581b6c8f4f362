import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/authz-rules';
import { approvalRefusal, chainFor, describeApprovers, evaluateChain, type ApprovalStage, type ChainDecision } from './approval-chain';
import { DEFAULT_POLICY, type PublishPolicy } from './policy';
import { evaluateGate, type GateInput } from './publish-gate';

const policy = (p: Partial<PublishPolicy> = {}): PublishPolicy => ({ ...DEFAULT_POLICY, ...p });
const domain: ApprovalStage = { name: 'Domain review', approvers: { kind: 'members', userIds: ['ana', 'raj'] }, required: 1 };
const safety: ApprovalStage = { name: 'Safety', approvers: { kind: 'role', minRole: 'publisher' }, required: 1 };
const roles: Record<string, Role> = { ana: 'reviewer', raj: 'reviewer', pat: 'publisher', carol: 'publisher', ed: 'editor' };

let t = 0;
const d = (reviewerId: string, hash = 'h', decision: ChainDecision['decision'] = 'approve'): ChainDecision => ({
  reviewerId,
  reviewerName: reviewerId.toUpperCase(),
  reviewerRole: roles[reviewerId] ?? null,
  decision,
  contentHash: hash,
  revisionNumber: 2,
  createdAt: new Date(2026, 0, 1, 0, 0, t++),
});
const links = (...stages: ApprovalStage[]) => stages.map((stage) => ({ stage, tag: null }));
const opts = { contentHash: 'h', authorIds: ['carol'], policy: policy() };

describe('evaluateChain', () => {
  it('satisfies stages in order: the first open stage is current, later ones wait', () => {
    const empty = evaluateChain(links(domain, safety), [], opts);
    expect(empty.steps.map((s) => s.state)).toEqual(['current', 'waiting']);
    const one = evaluateChain(links(domain, safety), [d('ana')], opts);
    expect(one.steps.map((s) => s.state)).toEqual(['done', 'current']);
    const both = evaluateChain(links(domain, safety), [d('ana'), d('pat')], opts);
    expect(both.steps.map((s) => s.state)).toEqual(['done', 'done']);
    expect(both.current).toBe(2);
  });

  it('does not let a later stage approve before its turn', () => {
    const e = evaluateChain(links(domain, safety), [d('pat'), d('ana')], opts);
    expect(e.steps.map((s) => s.state)).toEqual(['done', 'current']);
    expect(e.ignored.map((i) => [i.decision.reviewerId, i.reason])).toEqual([
      ['pat', 'not an approver of Domain review, the stage that was open'],
    ]);
  });

  it('counts only approvals of the exact content; stale ones stay stale per stage', () => {
    const e = evaluateChain(links(domain, safety), [d('ana', 'h'), d('pat', 'old')], opts);
    expect(e.steps.map((s) => s.approvedBy.map((a) => a.id))).toEqual([['ana'], []]);
    const later = evaluateChain(links(domain, safety), [d('ana', 'old'), d('pat', 'h')], opts);
    expect(later.steps[0]!.state).toBe('current');
  });

  it("lets a reviewer's latest decision win: changes requested withdraws the approval", () => {
    const e = evaluateChain(links(domain), [d('ana'), d('ana', 'h', 'request_changes')], opts);
    expect(e.steps[0]!.state).toBe('current');
  });

  it('applies self-approval rules per stage', () => {
    const e = evaluateChain(links(safety), [d('carol')], opts);
    expect(e.steps[0]!.state).toBe('current');
    expect(e.ignored[0]!.reason).toMatch(/own change in Safety/);
    const allowed = evaluateChain(links({ ...safety, allowSelfApproval: true }), [d('carol')], opts);
    expect(allowed.steps[0]!.state).toBe('done');
    const byPolicy = evaluateChain(links(safety), [d('carol')], { ...opts, policy: policy({ allowSelfApproval: true }) });
    expect(byPolicy.steps[0]!.state).toBe('done');
    const strictStage = evaluateChain(links({ ...safety, allowSelfApproval: false }), [d('carol')], {
      ...opts,
      policy: policy({ allowSelfApproval: true }),
    });
    expect(strictStage.steps[0]!.state).toBe('current');
  });

  it('needs `required` distinct approvers, and a former member or an editor never counts', () => {
    const two = { ...domain, required: 2 };
    expect(evaluateChain(links(two), [d('ana')], opts).steps[0]!.approvedBy).toHaveLength(1);
    expect(evaluateChain(links(two), [d('ana'), d('raj')], opts).steps[0]!.state).toBe('done');
    const gone = { ...d('ana'), reviewerRole: null };
    expect(evaluateChain(links(domain), [gone], opts).steps[0]!.state).toBe('current');
    expect(evaluateChain(links({ ...domain, approvers: { kind: 'members', userIds: ['ed'] } }), [d('ed')], opts).steps[0]!.state).toBe(
      'current',
    );
  });
});

describe('chainFor (tag rules)', () => {
  const chain = { stages: [domain], tagRules: [{ tag: 'safety-critical', stage: safety }] };
  it('adds the stages of rules whose tag the prompt has, after the policy stages', () => {
    expect(chainFor(policy(), chain, ['safety-critical']).map((l) => [l.stage.name, l.tag])).toEqual([
      ['Domain review', null],
      ['Safety', 'safety-critical'],
    ]);
    expect(chainFor(policy(), chain, ['other']).map((l) => l.stage.name)).toEqual(['Domain review']);
  });
  it('turns required approvals into a first stage when the policy has no stages', () => {
    const l = chainFor(policy({ requiredApprovals: 2, designatedReviewerIds: ['ana'] }), { stages: [], tagRules: chain.tagRules }, [
      'safety-critical',
    ]);
    expect(l.map((x) => [x.stage.name, x.stage.required])).toEqual([
      ['Approval', 2],
      ['Safety', 1],
    ]);
    expect(l[0]!.stage.approvers).toEqual({ kind: 'members', userIds: ['ana'] });
  });
});

describe('evaluateGate', () => {
  const base: GateInput = {
    role: 'publisher',
    policy: policy(),
    chain: { stages: [domain, safety], tagRules: [] },
    tags: [],
    decisions: [],
    authorIds: ['carol'],
    candidate: { contentHash: 'h', revisionNumber: 2 },
    headRevisionNumber: 2,
    production: null,
    evaluationPassed: null,
  };
  it('names the missing stage, first the earliest one', () => {
    expect(evaluateGate(base).blockers.map((b) => b.message)).toEqual(['Waiting for Domain review: 0 of 1.']);
    expect(evaluateGate({ ...base, decisions: [d('ana')] }).blockers.map((b) => b.message)).toEqual(['Waiting for Safety: 0 of 1.']);
    const open = evaluateGate({ ...base, decisions: [d('ana'), d('pat')] });
    expect(open.blockers).toEqual([]);
    expect(open.approvals.counted.map((x) => x.reviewerId).sort()).toEqual(['ana', 'pat']);
  });
  it('returns every reason at once (role, stage, changes requested)', () => {
    const g = evaluateGate({ ...base, role: 'editor', decisions: [d('ana'), d('raj', 'h', 'request_changes')] });
    expect(g.blockers.map((b) => b.code)).toEqual(['role', 'approvals', 'changes_requested']);
  });
  it('keeps the required-approvals policy when there are no stages and no matching tag rule', () => {
    const legacy = { ...base, policy: policy({ requiredApprovals: 1 }), chain: { stages: [], tagRules: [{ tag: 'x', stage: safety }] } };
    const g = evaluateGate(legacy);
    expect(g.chain).toBeNull();
    expect(g.blockers[0]!.message).toBe('Needs 1 approval of r2; has 0.');
    expect(evaluateGate({ ...legacy, decisions: [d('ana')] }).blockers).toEqual([]);
    const tagged = evaluateGate({ ...legacy, tags: ['x'], decisions: [d('ana')] });
    expect(tagged.chain?.steps.map((s) => s.state)).toEqual(['done', 'current']);
    expect(tagged.blockers[0]!.message).toBe('Waiting for Safety: 0 of 1.');
  });
  it('mentions stale approvals beside the waiting stage', () => {
    const g = evaluateGate({ ...base, decisions: [d('ana', 'old')], headRevisionNumber: 3 });
    expect(g.blockers[0]!.message).toBe('Waiting for Domain review: 0 of 1. Stale: ANA approved r2; draft is now r3.');
  });
});

describe('approvalRefusal', () => {
  const name = (a: Parameters<typeof describeApprovers>[0]) => describeApprovers(a, (id) => id.toUpperCase());
  it('refuses whoever cannot act on the current stage, naming who can', () => {
    const l = links(domain, safety);
    const e = evaluateChain(l, [], opts);
    expect(approvalRefusal(e, l, { id: 'pat', role: 'publisher', isAuthor: false }, policy(), name)).toBe(
      'Waiting for Domain review: only ANA, RAJ can approve now.',
    );
    expect(approvalRefusal(e, l, { id: 'ana', role: 'reviewer', isAuthor: false }, policy(), name)).toBeNull();
    const next = evaluateChain(l, [d('ana')], opts);
    expect(approvalRefusal(next, l, { id: 'raj', role: 'reviewer', isAuthor: false }, policy(), name)).toBe(
      'Waiting for Safety: only a publisher or higher can approve now.',
    );
    expect(approvalRefusal(next, l, { id: 'carol', role: 'publisher', isAuthor: true }, policy(), name)).toMatch(/own change in Safety/);
  });
});
