import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, effectivePolicy, publishGate, summarizeApprovals, type Decision, type PublishPolicy } from './policy';

const policy = (p: Partial<PublishPolicy> = {}): PublishPolicy => ({ ...DEFAULT_POLICY, ...p });
let t = 0;
const d = (reviewerId: string, decision: Decision['decision'], contentHash: string, revisionNumber = 40): Decision => ({
  reviewerId,
  reviewerName: reviewerId.toUpperCase(),
  decision,
  contentHash,
  revisionNumber,
  createdAt: new Date(2026, 0, 1, 0, 0, t++),
});

describe('effectivePolicy', () => {
  it('takes the prompt override where set and inherits the rest', () => {
    const ws = policy({ requiredApprovals: 2, draftPolicy: 'retain', designatedReviewerIds: ['a'] });
    expect(effectivePolicy(ws, { requiredApprovals: 0, allowSelfApproval: null })).toEqual({ ...ws, requiredApprovals: 0 });
    expect(effectivePolicy(ws, { designatedReviewerIds: [] }).designatedReviewerIds).toEqual(['a']);
    expect(effectivePolicy(ws, { designatedReviewerIds: ['b'], draftPolicy: 'reset' })).toMatchObject({
      designatedReviewerIds: ['b'],
      draftPolicy: 'reset',
    });
  });
});

describe('summarizeApprovals', () => {
  it('counts approvals of this exact content and marks others stale', () => {
    const s = summarizeApprovals([d('alice', 'approve', 'h40', 40), d('bob', 'approve', 'h43', 43)], {
      contentHash: 'h43',
      authorIds: ['carol'],
      policy: policy(),
    });
    expect(s.counted.map((x) => x.reviewerId)).toEqual(['bob']);
    expect(s.stale.map((x) => x.reviewerId)).toEqual(['alice']);
  });

  it('lets the latest decision win and ignores comments', () => {
    const s = summarizeApprovals([d('alice', 'approve', 'h'), d('alice', 'request_changes', 'h'), d('alice', 'comment', 'h')], {
      contentHash: 'h',
      authorIds: [],
      policy: policy(),
    });
    expect(s.counted).toEqual([]);
    expect(s.changesRequested.map((x) => x.reviewerId)).toEqual(['alice']);
    const again = summarizeApprovals([d('alice', 'request_changes', 'h'), d('alice', 'approve', 'h')], {
      contentHash: 'h',
      authorIds: [],
      policy: policy(),
    });
    expect(again.counted.map((x) => x.reviewerId)).toEqual(['alice']);
    expect(again.changesRequested).toEqual([]);
  });

  it('does not count self-approval unless allowed', () => {
    const decisions = [d('carol', 'approve', 'h')];
    expect(summarizeApprovals(decisions, { contentHash: 'h', authorIds: ['carol'], policy: policy() }).counted).toEqual([]);
    expect(summarizeApprovals(decisions, { contentHash: 'h', authorIds: ['carol'], policy: policy() }).ignored[0]!.reason).toMatch(
      /own change/,
    );
    expect(
      summarizeApprovals(decisions, { contentHash: 'h', authorIds: ['carol'], policy: policy({ allowSelfApproval: true }) }).counted,
    ).toHaveLength(1);
  });

  it('counts only designated reviewers when the policy names some', () => {
    const s = summarizeApprovals([d('alice', 'approve', 'h'), d('bob', 'approve', 'h')], {
      contentHash: 'h',
      authorIds: [],
      policy: policy({ designatedReviewerIds: ['bob'] }),
    });
    expect(s.counted.map((x) => x.reviewerId)).toEqual(['bob']);
    expect(s.ignored[0]!.reason).toMatch(/designated/);
  });

  it('does not count a decision by someone demoted below reviewer or gone from the workspace', () => {
    const s = summarizeApprovals(
      [
        { ...d('ana', 'approve', 'h'), reviewerRole: 'viewer' },
        { ...d('gus', 'request_changes', 'h'), reviewerRole: null },
        { ...d('raj', 'approve', 'h'), reviewerRole: 'publisher' },
      ],
      { contentHash: 'h', authorIds: [], policy: policy() },
    );
    expect(s.counted.map((x) => x.reviewerId)).toEqual(['raj']);
    expect(s.changesRequested).toEqual([]);
    expect(s.ignored.map((i) => [i.decision.reviewerId, i.reason])).toEqual([
      ['ana', 'no longer a reviewer'],
      ['gus', 'no longer a member'],
    ]);
  });

  it('a stale approval is not listed once the reviewer decided on the current content', () => {
    const s = summarizeApprovals([d('alice', 'approve', 'old'), d('alice', 'approve', 'new')], {
      contentHash: 'new',
      authorIds: [],
      policy: policy(),
    });
    expect(s.stale).toEqual([]);
    expect(s.counted).toHaveLength(1);
  });
});

describe('publishGate', () => {
  const base = {
    role: 'publisher' as const,
    policy: policy(),
    approvals: { counted: [], stale: [], ignored: [], changesRequested: [] },
    candidate: { contentHash: 'h43', revisionNumber: 43 },
    headRevisionNumber: 43,
    production: { contentHash: 'h1', version: 1 },
    evaluationPassed: null,
  };

  it('allows a publisher with nothing missing', () => {
    expect(publishGate(base)).toEqual({ allowed: true, reasons: [] });
  });

  it('spells out a role that is too low', () => {
    const g = publishGate({ ...base, role: 'reviewer' });
    expect(g.allowed).toBe(false);
    expect(g.reasons[0]).toMatch(/reviewer.*publisher/);
  });

  it('refuses content equal to production', () => {
    const g = publishGate({ ...base, production: { contentHash: 'h43', version: 3 } });
    expect(g.reasons).toEqual(['Nothing changed since production (v3 has the same content).']);
  });

  it('names missing and stale approvals', () => {
    const approvals = { ...base.approvals, stale: [d('alice', 'approve', 'h40', 40)] };
    const g = publishGate({ ...base, policy: policy({ requiredApprovals: 1 }), approvals });
    expect(g.allowed).toBe(false);
    expect(g.reasons[0]).toBe('Needs 1 approval of r43; has 0. Stale: ALICE approved r40; draft is now r43.');
  });

  it('blocks on requested changes and on a required evaluation', () => {
    const g = publishGate({
      ...base,
      approvals: { ...base.approvals, changesRequested: [d('bob', 'request_changes', 'h43')] },
      policy: policy({ requirePassingEvaluation: true }),
    });
    expect(g.reasons).toEqual(['Changes requested by BOB.', 'A passing evaluation run on this exact content is required.']);
    expect(publishGate({ ...base, policy: policy({ requirePassingEvaluation: true }), evaluationPassed: true }).allowed).toBe(true);
  });

  it('the first release has no production to compare against', () => {
    expect(publishGate({ ...base, production: null }).allowed).toBe(true);
  });
});
