import { describe, expect, it } from 'vitest';
import { database, db } from '@/lib/data/db';
import { changeRole, listMembers } from '@/lib/data/members';
import { updatePromptPolicy, updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { getPublishCheck, publish } from '@/lib/data/publish';
import { listReleases, rollbackProduction } from '@/lib/data/releases';
import { decideReview, requestReview, updateReviewToHead } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import type { Content } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import { userContent as contentWith } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';

async function setup(requiredApprovals = 0) {
  const admin = await newTenant();
  await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals });
  const author = await addMember(admin, 'editor');
  const reviewer = await addMember(admin, 'reviewer');
  const publisher = await addMember(admin, 'publisher');
  const { id: promptId } = await createPrompt(author, { name: 'P', slug: 'p', description: '', tags: [] }, contentWith('one'));
  const head = async () => (await getPrompt(admin, 'p')).headRevision!;
  return { admin, author, reviewer, publisher, promptId, head };
}

describe('publish', () => {
  it('writes v1 with frozen content, moves production, audits, and refuses publishing the same content again', async () => {
    const { publisher, promptId, head } = await setup();
    const r1 = await head();
    const release = await publish(publisher, { promptId, revisionId: r1.id, note: 'first' });
    expect(release.version).toBe(1);
    expect(release.contentHash).toBe(contentHash(contentWith('one')));
    const [listed] = await listReleases(publisher, promptId);
    expect(listed).toMatchObject({ version: 1, note: 'first', live: true, revisionNumber: 1 });
    const err = await publish(publisher, { promptId, revisionId: r1.id, note: 'again' }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/Nothing changed since production/);
    const prisma = await db();
    expect(await prisma.auditEvent.count({ where: { workspaceId: publisher.workspaceId, action: 'release.publish' } })).toBe(1);
  });

  it('refuses roles below publisher with the reason, and leaves no release', async () => {
    const { author, reviewer, promptId, head } = await setup();
    const r1 = await head();
    for (const ctx of [author, reviewer]) {
      const err = await publish(ctx, { promptId, revisionId: r1.id, note: '' }).catch((e) => e);
      expect(err.code).toBe('forbidden');
      expect(err.message).toMatch(/needs publisher/);
    }
    expect(await listReleases(author, promptId)).toEqual([]);
  });

  it('requires fresh approvals: a newer draft makes them stale until re-approved', async () => {
    const { author, reviewer, publisher, promptId, head } = await setup(1);
    const r1 = await head();
    const review = await requestReview(author, { promptId, reviewerIds: [reviewer.userId], title: '', description: '' });
    let check = await getPublishCheck(publisher, promptId);
    expect(check.gate.allowed).toBe(false);
    expect(check.gate.reasons[0]).toMatch(/Needs 1 approval of r1; has 0/);

    await decideReview(reviewer, {
      promptId,
      reviewId: review.id,
      decision: 'approve',
      comment: 'lgtm',
      expectedContentHash: contentHash(contentWith('one')),
    });
    expect((await getPublishCheck(publisher, promptId)).gate.allowed).toBe(true);

    const r2 = await saveDraft(author, { promptId, baseRevisionId: r1.id, content: contentWith('two') });
    check = await getPublishCheck(publisher, promptId);
    expect(check.gate.allowed).toBe(false);
    expect(check.gate.reasons[0]).toMatch(/has 0\. Stale: A reviewer approved r1; draft is now r2/);
    expect(await errorCode(publish(publisher, { promptId, revisionId: r2.revision.id, note: '' }))).toBe('conflict');

    // The approved older revision may still be published.
    expect((await getPublishCheck(publisher, promptId, r1.id)).gate.allowed).toBe(true);

    await updateReviewToHead(author, promptId, review.id);
    await decideReview(reviewer, {
      promptId,
      reviewId: review.id,
      decision: 'approve',
      comment: '',
      expectedContentHash: contentHash(contentWith('two')),
    });
    const release = await publish(publisher, { promptId, revisionId: r2.revision.id, note: 'v1 from r2' });
    expect(release.version).toBe(1);
  });

  it('authors may not approve their own change by default; request changes blocks', async () => {
    const { admin, author, reviewer, promptId } = await setup(1);
    const selfReviewer = await addMember(admin, 'reviewer');
    const { id: ownId } = await createPrompt(selfReviewer, { name: 'Own', slug: 'own', description: '', tags: [] }, contentWith('own'));
    const own = await requestReview(selfReviewer, { promptId: ownId, reviewerIds: [], title: '', description: '' });
    expect(
      await errorCode(
        decideReview(selfReviewer, {
          promptId: ownId,
          reviewId: own.id,
          decision: 'approve',
          comment: '',
          expectedContentHash: contentHash(contentWith('own')),
        }),
      ),
    ).toBe('forbidden');

    const review = await requestReview(author, { promptId, reviewerIds: [], title: '', description: '' });
    await decideReview(reviewer, {
      promptId,
      reviewId: review.id,
      decision: 'request_changes',
      comment: 'too vague',
      expectedContentHash: contentHash(contentWith('one')),
    });
    const check = await getPublishCheck(admin, promptId);
    expect(check.gate.reasons.join(' ')).toMatch(/Changes requested by A reviewer/);
  });

  it('an approval stops counting when its reviewer is demoted below reviewer', async () => {
    const { admin, author, reviewer, publisher, promptId } = await setup(1);
    const review = await requestReview(author, { promptId, reviewerIds: [], title: '', description: '' });
    await decideReview(reviewer, {
      promptId,
      reviewId: review.id,
      decision: 'approve',
      comment: '',
      expectedContentHash: contentHash(contentWith('one')),
    });
    expect((await getPublishCheck(publisher, promptId)).gate.allowed).toBe(true);
    const membership = (await listMembers(admin)).members.find((m) => m.userId === reviewer.userId)!;
    await changeRole(admin, membership.membershipId, 'viewer');
    const check = await getPublishCheck(publisher, promptId);
    expect(check.gate.allowed).toBe(false);
    expect(check.blockers.map((b) => b.code)).toContain('approvals');
    expect(check.approvals.ignored).toMatchObject([{ reason: 'no longer a reviewer' }]);
  });

  it('draft policy reset makes the head equal the release; retain keeps work in progress', async () => {
    const { admin, author, publisher, promptId, head } = await setup();
    const r1 = await head();
    const r2 = await saveDraft(author, { promptId, baseRevisionId: r1.id, content: contentWith('wip') });
    await publish(publisher, { promptId, revisionId: r1.id, note: 'reset' });
    let now = await head();
    expect(now.number).toBe(3);
    expect(now.contentHash).toBe(contentHash(contentWith('one')));

    await updatePromptPolicy(admin, promptId, { draftPolicy: 'retain' });
    const r4 = await saveDraft(author, { promptId, baseRevisionId: now.id, content: contentWith('released next') });
    const r5 = await saveDraft(author, { promptId, baseRevisionId: r4.revision.id, content: contentWith('still drafting') });
    await publish(publisher, { promptId, revisionId: r4.revision.id, note: 'retain' });
    now = await head();
    expect(now.id).toBe(r5.revision.id);
    expect(r2.revision.number).toBe(2);
  });

  it('20 concurrent publishes produce contiguous versions without duplicates', async () => {
    const { admin, author, publisher, promptId, head } = await setup();
    await updatePromptPolicy(admin, promptId, { draftPolicy: 'retain' });
    let base = (await head()).id;
    const revisionIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      base = (await saveDraft(author, { promptId, baseRevisionId: base, content: contentWith(`c${i}`) })).revision.id;
      revisionIds.push(base);
    }
    const results = await Promise.allSettled(revisionIds.map((revisionId) => publish(publisher, { promptId, revisionId, note: '' })));
    const versions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.version] : [])).sort((a, b) => a - b);
    // A publish whose content equals what production serves at that moment is refused; all others land.
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    const prisma = await db();
    const stored = (await prisma.release.findMany({ where: { promptId }, select: { version: true } }))
      .map((r) => r.version)
      .sort((a, b) => a - b);
    expect(stored).toEqual(versions);
  });

  it('a publish racing an autosave storm freezes exactly the chosen revision', async () => {
    const { admin, author, publisher, promptId, head } = await setup();
    await updatePromptPolicy(admin, promptId, { draftPolicy: 'retain' });
    const chosen = await saveDraft(author, { promptId, baseRevisionId: (await head()).id, content: contentWith('the chosen one') });
    let base = chosen.revision.id;
    const storm = (async () => {
      for (let i = 0; i < 15; i++)
        base = (await saveDraft(author, { promptId, baseRevisionId: base, content: contentWith(`storm ${i}`) })).revision.id;
    })();
    const release = await publish(publisher, { promptId, revisionId: chosen.revision.id, note: '' });
    await storm;
    expect(release.contentHash).toBe(contentHash(contentWith('the chosen one')));
    const prisma = await db();
    const stored = await prisma.release.findUniqueOrThrow({ where: { id: release.id }, select: { content: true, contentHash: true } });
    expect(contentHash(stored.content as Content)).toBe(stored.contentHash);
  });

  it('rollback points production at an older release, audited, deleting nothing', async () => {
    const { author, publisher, promptId, head } = await setup();
    const r1 = await head();
    const v1 = await publish(publisher, { promptId, revisionId: r1.id, note: 'v1' });
    const r2 = await saveDraft(author, { promptId, baseRevisionId: (await head()).id, content: contentWith('two') });
    await publish(publisher, { promptId, revisionId: r2.revision.id, note: 'v2' });
    expect(await errorCode(rollbackProduction(author, promptId, v1.id))).toBe('forbidden');
    await rollbackProduction(publisher, promptId, v1.id);
    const releases = await listReleases(publisher, promptId);
    expect(releases.map((r) => [r.version, r.live])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(await errorCode(rollbackProduction(publisher, promptId, v1.id))).toBe('conflict');
    const { raw } = await database();
    const events = await raw.query<{ data: { from: number; to: number } }>(
      `SELECT data FROM "AuditEvent" WHERE "workspaceId" = $1 AND action = 'release.rollback'`,
      [publisher.workspaceId],
    );
    expect(events.map((e) => e.data)).toEqual([{ slug: 'p', from: 2, to: 1 }]);
  });

  it('another workspace cannot publish, review or roll back this prompt', async () => {
    const { publisher, promptId, head } = await setup();
    const outsider = await newTenant();
    const r1 = await head();
    expect(await errorCode(publish(outsider, { promptId, revisionId: r1.id, note: '' }))).toBe('not_found');
    expect(await errorCode(requestReview(outsider, { promptId, reviewerIds: [], title: '', description: '' }))).toBe('not_found');
    const v1 = await publish(publisher, { promptId, revisionId: r1.id, note: '' });
    expect(await errorCode(rollbackProduction(outsider, promptId, v1.id))).toBe('not_found');
  });
});
