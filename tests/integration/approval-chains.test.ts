import { describe, expect, it } from 'vitest';
import { getApprovalChain, getPromptChain, updateApprovalChain } from '@/lib/data/approval-chain';
import { db } from '@/lib/data/db';
import { getPromptPolicy } from '@/lib/data/policy';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { getPublishCheck, publish } from '@/lib/data/publish';
import { decideReview, requestReview, updateReviewToHead } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import type { ApprovalStage } from '@/lib/domain/approval-chain';
import { contentHash } from '@/lib/domain/hash';
import { userContent } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';

const safety: ApprovalStage = { name: 'Safety', approvers: { kind: 'role', minRole: 'publisher' }, required: 1 };

async function setup(tags: string[] = []) {
  const admin = await newTenant();
  const author = await addMember(admin, 'editor');
  const ana = await addMember(admin, 'reviewer');
  const raj = await addMember(admin, 'reviewer');
  const publisher = await addMember(admin, 'publisher');
  const domain: ApprovalStage = { name: 'Domain review', approvers: { kind: 'members', userIds: [ana.userId, raj.userId] }, required: 1 };
  const { id: promptId } = await createPrompt(author, { name: 'P', slug: 'p', description: '', tags }, userContent('one'));
  const review = await requestReview(author, { promptId, reviewerIds: [], title: '', description: '' });
  const approve = (ctx: typeof ana, hash = contentHash(userContent('one'))) =>
    decideReview(ctx, { promptId, reviewId: review.id, decision: 'approve', comment: '', expectedContentHash: hash });
  return { admin, author, ana, raj, publisher, domain, promptId, review, approve };
}

describe('approval chains', () => {
  it('a two-stage chain is satisfied in order, by approvals of the exact content, then publishes', async () => {
    const { admin, author, ana, publisher, domain, promptId, review, approve } = await setup();
    await updateApprovalChain(admin, { stages: [domain, safety], tagRules: [] });
    let check = await getPublishCheck(publisher, promptId);
    expect(check.gate.reasons).toEqual(['Waiting for Domain review: 0 of 1.']);
    expect(check.chain?.map((s) => [s.name, s.state])).toEqual([
      ['Domain review', 'current'],
      ['Safety', 'waiting'],
    ]);
    // The Safety approver cannot act before Domain review is done; the refusal names who can.
    const early = await approve(publisher).catch((e) => e);
    expect(early.code).toBe('forbidden');
    expect(early.message).toBe(`Waiting for Domain review: only A reviewer, A reviewer can approve now.`);
    await approve(ana);
    check = await getPublishCheck(publisher, promptId);
    expect(check.gate.reasons).toEqual(['Waiting for Safety: 0 of 1.']);
    expect(await errorCode(publish(publisher, { promptId, revisionId: check.candidate.id, note: 'x' }))).toBe('conflict');

    // A new draft makes both stages stale; stage 1 is current again.
    const r1 = (await getPrompt(admin, 'p')).headRevision!;
    await saveDraft(author, { promptId, baseRevisionId: r1.id, content: userContent('two') });
    await updateReviewToHead(author, promptId, review.id);
    check = await getPublishCheck(publisher, promptId);
    expect(check.chain?.map((s) => s.state)).toEqual(['current', 'waiting']);
    expect(check.gate.reasons[0]).toMatch(/^Waiting for Domain review: 0 of 1\. Stale: A reviewer approved r1; draft is now r2\.$/);

    const two = contentHash(userContent('two'));
    await approve(ana, two);
    await approve(publisher, two);
    check = await getPublishCheck(publisher, promptId);
    expect(check.gate).toEqual({ allowed: true, reasons: [] });
    expect((await publish(publisher, { promptId, revisionId: check.candidate.id, note: 'chained' })).version).toBe(1);
  });

  it('self-approval rules apply per stage', async () => {
    const { admin, publisher, promptId } = await setup();
    const { id: ownId } = await createPrompt(publisher, { name: 'Own', slug: 'own', description: '', tags: [] }, userContent('own'));
    const own = await requestReview(publisher, { promptId: ownId, reviewerIds: [], title: '', description: '' });
    const approveOwn = () =>
      decideReview(publisher, {
        promptId: ownId,
        reviewId: own.id,
        decision: 'approve',
        comment: '',
        expectedContentHash: contentHash(userContent('own')),
      });
    await updateApprovalChain(admin, { stages: [safety], tagRules: [] });
    expect((await approveOwn().catch((e) => e)).message).toBe('Authors may not approve their own change in Safety.');
    await updateApprovalChain(admin, { stages: [{ ...safety, allowSelfApproval: true }], tagRules: [] });
    await approveOwn();
    expect((await getPublishCheck(publisher, ownId)).gate.allowed).toBe(true);
    expect(promptId).toBeTruthy();
  });

  it('a policy change re-evaluates open reviews at once, and the audit log keeps before and after', async () => {
    const { admin, ana, publisher, promptId, approve } = await setup(['safety-critical']);
    await updateApprovalChain(admin, {
      stages: [{ name: 'Domain', approvers: { kind: 'role', minRole: 'reviewer' }, required: 1 }],
      tagRules: [],
    });
    await approve(ana);
    expect((await getPublishCheck(publisher, promptId)).gate.allowed).toBe(true);

    const rule = { tag: 'safety-critical', stage: safety };
    await updateApprovalChain(admin, { stages: (await getApprovalChain(admin)).stages, tagRules: [rule] });
    const check = await getPublishCheck(publisher, promptId);
    expect(check.gate.reasons).toEqual(['Waiting for Safety: 0 of 1.']);
    expect(check.chain?.[1]).toMatchObject({ name: 'Safety', tag: 'safety-critical', state: 'current', who: 'a publisher or higher' });

    const why = await getPromptChain(admin, promptId, (await getPromptPolicy(admin, promptId)).effective);
    expect(why.stages.map((s) => [s.name, s.tag])).toEqual([
      ['Domain', null],
      ['Safety', 'safety-critical'],
    ]);

    const prisma = await db();
    const events = await prisma.auditEvent.findMany({
      where: { workspaceId: admin.workspaceId, action: 'policy.change' },
      orderBy: { createdAt: 'asc' },
      select: { data: true },
    });
    const last = events.at(-1)!.data as { before: { tagRules: unknown[] }; after: { tagRules: unknown[] } };
    expect(last.before.tagRules).toEqual([]);
    expect(last.after.tagRules).toEqual([{ ...rule, stage: { ...safety } }]);

    // Without the tag the rule does not apply, and the prompt's settings say so.
    const other = await createPrompt(admin, { name: 'Q', slug: 'q', description: '', tags: [] }, userContent('q'));
    const whyNot = await getPromptChain(admin, other.id, (await getPromptPolicy(admin, other.id)).effective);
    expect(whyNot.otherRules).toEqual([{ tag: 'safety-critical', name: 'Safety' }]);
  });

  it('refuses stage approvers who are not reviewers of this workspace, and non-admins', async () => {
    const { admin, author, publisher } = await setup();
    const stranger = await newTenant();
    const bad: ApprovalStage = { name: 'X', approvers: { kind: 'members', userIds: [stranger.userId] }, required: 1 };
    expect(await errorCode(updateApprovalChain(admin, { stages: [bad], tagRules: [] }))).toBe('invalid');
    const editorStage: ApprovalStage = { name: 'X', approvers: { kind: 'members', userIds: [author.userId] }, required: 1 };
    expect(await errorCode(updateApprovalChain(admin, { stages: [editorStage], tagRules: [] }))).toBe('invalid');
    expect(await errorCode(updateApprovalChain(publisher, { stages: [safety], tagRules: [] }))).toBe('forbidden');
    expect((await getApprovalChain(admin)).stages).toEqual([]);
  });
});
