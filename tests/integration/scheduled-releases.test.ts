import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { listReleases } from '@/lib/data/releases';
import { fireSchedule, runDueSchedules } from '@/lib/data/release-scheduler';
import { decideReview, requestReview } from '@/lib/data/reviews';
import { cancelScheduledRelease, getScheduleState, scheduleRelease } from '@/lib/data/scheduled-releases';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { contentHash } from '@/lib/domain/hash';
import { userContent } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';

const soon = () => new Date(Date.now() + 60_000);
const later = () => new Date(Date.now() + 120_000);

/** A prompt whose head has one fresh approval, with a workspace that requires one. */
async function approved() {
  const admin = await newTenant();
  await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals: 1 });
  const author = await addMember(admin, 'editor');
  const reviewer = await addMember(admin, 'reviewer');
  const publisher = await addMember(admin, 'publisher');
  const { id: promptId } = await createPrompt(author, { name: 'P', slug: 'p', description: '', tags: [] }, userContent('one'));
  const review = await requestReview(author, { promptId, reviewerIds: [], title: '', description: '' });
  await decideReview(reviewer, {
    promptId,
    reviewId: review.id,
    decision: 'approve',
    comment: '',
    expectedContentHash: contentHash(userContent('one')),
  });
  const head = (await getPrompt(admin, 'p')).headRevision!;
  return { admin, author, reviewer, publisher, promptId, head, reviewId: review.id };
}

async function auditActions(workspaceId: string) {
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({
    where: { workspaceId },
    orderBy: { createdAt: 'asc' },
    select: { action: true, data: true },
  });
  return rows;
}

describe('scheduled releases', () => {
  it('fires at its time when the gate is still open, through the publish path, and only then', async () => {
    const { publisher, promptId, head } = await approved();
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'at nine' });
    expect((await getScheduleState(publisher, promptId)).pending).toMatchObject({ id: s.id, revisionNumber: 1, note: 'at nine' });
    // Not yet due: nothing happens.
    expect(await fireSchedule(s.id, new Date())).toEqual({ id: s.id, outcome: 'skipped' });
    expect(await listReleases(publisher, promptId)).toEqual([]);
    const outcomes = await runDueSchedules(later());
    expect(outcomes).toContainEqual({ id: s.id, outcome: 'published', version: 1 });
    const [release] = await listReleases(publisher, promptId);
    expect(release).toMatchObject({ version: 1, note: 'at nine', live: true });
    const state = await getScheduleState(publisher, promptId);
    expect(state.pending).toBeNull();
    expect(state.last).toMatchObject({ id: s.id, status: 'published' });
    const publishEvent = (await auditActions(publisher.workspaceId)).find((e) => e.action === 'release.publish');
    expect(publishEvent?.data).toMatchObject({ version: 1, scheduledReleaseId: s.id });
  });

  it('is cancelled with an audit event when it lost its approval before its time', async () => {
    const { publisher, reviewer, promptId, head, reviewId } = await approved();
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'n' });
    // The approver changes their mind: their approval no longer counts.
    await decideReview(reviewer, {
      promptId,
      reviewId,
      decision: 'request_changes',
      comment: 'wait',
      expectedContentHash: contentHash(userContent('one')),
    });
    const outcome = await fireSchedule(s.id, later());
    expect(outcome.outcome).toBe('cancelled');
    expect(await listReleases(publisher, promptId)).toEqual([]);
    const state = await getScheduleState(publisher, promptId);
    expect(state.pending).toBeNull();
    expect(state.last?.status).toBe('cancelled');
    expect(state.last?.reason).toMatch(/^The gate closed before the release time: .*approval/i);
    const cancelled = (await auditActions(publisher.workspaceId)).filter((e) => e.action === 'release.schedule_cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.data).toMatchObject({ revision: 1, reason: state.last!.reason, scheduledById: publisher.userId });
    // The publisher who scheduled it gets one inbox item saying why.
    const inbox = async () =>
      (await db()).notification.findMany({
        where: { userId: publisher.userId, kind: 'release.schedule_cancelled' },
        select: { title: true },
      });
    expect((await inbox()).map((n) => n.title)).toEqual([expect.stringContaining(state.last!.reason!)]);
    // Cancelled stays cancelled: firing again does nothing, audits nothing and notifies no one again.
    expect(await fireSchedule(s.id, later())).toEqual({ id: s.id, outcome: 'skipped' });
    expect((await auditActions(publisher.workspaceId)).filter((e) => e.action === 'release.schedule_cancelled')).toHaveLength(1);
    expect(await inbox()).toHaveLength(1);
  });

  it('is cancelled when a newer policy requirement is unmet at its time', async () => {
    const { admin, publisher, promptId, head } = await approved();
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'n' });
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals: 2 });
    const outcome = await fireSchedule(s.id, later());
    expect(outcome).toMatchObject({ outcome: 'cancelled' });
    expect(await listReleases(publisher, promptId)).toEqual([]);
  });

  it('two schedulers firing the same schedule at once publish it once', async () => {
    const { publisher, promptId, head } = await approved();
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'once' });
    const at = later();
    // On PostgreSQL these are two transactions on two pool connections, racing for the row.
    const outcomes = await Promise.all([fireSchedule(s.id, at), fireSchedule(s.id, at), fireSchedule(s.id, at)]);
    expect(outcomes.filter((o) => o.outcome === 'published')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'skipped')).toHaveLength(2);
    expect((await listReleases(publisher, promptId)).map((r) => r.version)).toEqual([1]);
    const events = (await auditActions(publisher.workspaceId)).map((e) => e.action);
    expect(events.filter((a) => a === 'release.publish')).toHaveLength(1);
    expect(events).not.toContain('release.schedule_cancelled');
  });

  it('refuses a closed gate, the past, a second pending schedule and roles below publisher; cancel is audited', async () => {
    const { admin, author, reviewer, publisher, promptId, head } = await approved();
    expect(
      await errorCode(scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: new Date(Date.now() - 1000), note: 'n' })),
    ).toBe('invalid');
    for (const ctx of [author, reviewer]) {
      expect(await errorCode(scheduleRelease(ctx, { promptId, revisionId: head.id, runAt: soon(), note: 'n' }))).toBe('forbidden');
    }
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'n' });
    const second = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: later(), note: 'n' }).catch((e) => e);
    expect(second.code).toBe('conflict');
    expect(second.message).toMatch(/^r1 is already scheduled for .*; cancel it first\.$/);
    expect(await errorCode(cancelScheduledRelease(reviewer, { promptId, scheduleId: s.id }))).toBe('forbidden');
    await cancelScheduledRelease(admin, { promptId, scheduleId: s.id });
    expect(await errorCode(cancelScheduledRelease(admin, { promptId, scheduleId: s.id }))).toBe('conflict');
    expect((await getScheduleState(admin, promptId)).last).toMatchObject({ status: 'cancelled', reason: 'Cancelled by a publisher.' });
    expect((await auditActions(admin.workspaceId)).map((e) => e.action)).toContain('release.schedule_cancel');
    // A fired cancelled schedule publishes nothing.
    expect(await fireSchedule(s.id, later())).toEqual({ id: s.id, outcome: 'skipped' });

    // The gate closes (a second approval required): scheduling is refused with the reason.
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals: 2 });
    const closed = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'n' }).catch((e) => e);
    expect(closed.code).toBe('conflict');
    expect(closed.message).toMatch(/^The gate is closed, so this cannot be scheduled: /);
  });

  it('loads schedules through their prompt: another workspace cannot see or cancel them', async () => {
    const { publisher, promptId, head } = await approved();
    const s = await scheduleRelease(publisher, { promptId, revisionId: head.id, runAt: soon(), note: 'n' });
    const other = await newTenant();
    expect(await errorCode(getScheduleState(other, promptId))).toBe('not_found');
    expect(await errorCode(cancelScheduledRelease(other, { promptId, scheduleId: s.id }))).toBe('not_found');
    const { id: otherPrompt } = await createPrompt(other, { name: 'Q', slug: 'q', description: '', tags: [] }, userContent('q'));
    expect(await errorCode(cancelScheduledRelease(other, { promptId: otherPrompt, scheduleId: s.id }))).toBe('not_found');
    expect((await getScheduleState(publisher, promptId)).pending?.id).toBe(s.id);
  });
});
