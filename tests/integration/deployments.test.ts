import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceContext } from '@/lib/authz';
import { db } from '@/lib/data/db';
import { getDeployments, setCanary, stageRevision } from '@/lib/data/deployments';
import { restoreRevision } from '@/lib/data/history';
import { onInvalidation, type Invalidation } from '@/lib/data/invalidation';
import { createPrompt } from '@/lib/data/prompts';
import { publishRevision, rollbackProduction } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { loadServedPrompt } from '@/lib/data/serving';
import { userContent as contentWith } from '../factories';
import { addMember, errorCode, headRevisionId, newTenant } from './helpers';

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

/** Invalidations for one workspace, in order; other test files' events are ignored. */
function recordInvalidations(workspaceId: string): Invalidation[] {
  const seen: Invalidation[] = [];
  unsubscribe = onInvalidation((event) => {
    if ('workspaceId' in event && event.workspaceId === workspaceId) seen.push(event);
  });
  return seen;
}

/** A prompt "p" with r1 = "one", r2 = "two", r3 = "three"; v1 from r1 and v2 from r2 (live). */
async function setup() {
  const admin = await newTenant();
  const editor = await addMember(admin, 'editor');
  const publisher = await addMember(admin, 'publisher');
  const viewer = await addMember(admin, 'viewer');
  const { id: promptId } = await createPrompt(editor, { name: 'P', slug: 'p', description: '', tags: [] }, contentWith('one'));
  const r1 = await headRevisionId(promptId);
  const r2 = (await saveDraft(editor, { promptId, baseRevisionId: r1, content: contentWith('two') })).revision.id;
  const r3 = (await saveDraft(editor, { promptId, baseRevisionId: r2, content: contentWith('three') })).revision.id;
  const v1 = await publishRevision(publisher, { promptId, revisionId: r1, note: 'v1', draftPolicy: 'retain' });
  const v2 = await publishRevision(publisher, { promptId, revisionId: r2, note: 'v2', draftPolicy: 'retain' });
  return { admin, editor, publisher, viewer, promptId, revisions: { r1, r2, r3 }, releases: { v1: v1.id, v2: v2.id } };
}

async function auditCount(ctx: WorkspaceContext, action: string) {
  const prisma = await db();
  return prisma.auditEvent.count({ where: { workspaceId: ctx.workspaceId, action } });
}

describe('staging', () => {
  it('lets an editor pin a revision, audits it, serves it to staging keys and invalidates the prompt', async () => {
    const { editor, promptId, revisions } = await setup();
    expect((await getDeployments(editor, promptId)).staging).toBeNull();
    const events = recordInvalidations(editor.workspaceId);

    expect(await stageRevision(editor, promptId, revisions.r3)).toEqual({ revisionNumber: 3, changed: true });
    expect(events).toEqual([{ type: 'prompt', workspaceId: editor.workspaceId, slug: 'p' }]);
    expect((await getDeployments(editor, promptId)).staging).toEqual({
      revisionNumber: 3,
      revisionId: revisions.r3,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const served = await loadServedPrompt({ keyId: 'k', workspaceId: editor.workspaceId, environment: 'staging' }, 'p');
    expect(served?.current).toMatchObject({ kind: 'revision', revision: 3 });

    // Staging the same revision again writes nothing.
    expect(await stageRevision(editor, promptId, revisions.r3)).toEqual({ revisionNumber: 3, changed: false });
    expect(await auditCount(editor, 'staging.pin')).toBe(1);

    await stageRevision(editor, promptId, revisions.r1);
    expect((await getDeployments(editor, promptId)).staging?.revisionNumber).toBe(1);
    const prisma = await db();
    const last = await prisma.auditEvent.findFirstOrThrow({
      where: { workspaceId: editor.workspaceId, action: 'staging.pin' },
      orderBy: { createdAt: 'desc' },
    });
    expect(last.data).toEqual({ revision: 1, from: 3 });
    expect(events).toHaveLength(2);
  });

  it('refuses viewers, and hides other workspaces’ prompts and revisions', async () => {
    const { viewer, editor, promptId, revisions } = await setup();
    expect(await errorCode(stageRevision(viewer, promptId, revisions.r2))).toBe('forbidden');
    const other = await newTenant();
    expect(await errorCode(stageRevision(other, promptId, revisions.r2))).toBe('not_found');
    expect(await errorCode(getDeployments(other, promptId))).toBe('not_found');
    // A revision of another prompt, even in the same workspace, is not found through this one.
    const { id: otherPrompt } = await createPrompt(editor, { name: 'Q', slug: 'q', description: '', tags: [] }, contentWith('q'));
    expect(await errorCode(stageRevision(editor, otherPrompt, revisions.r2))).toBe('not_found');
    expect((await getDeployments(editor, promptId)).staging).toBeNull();
  });
});

describe('canary', () => {
  it('lets a publisher split production between the live release and another, and stop it with 0 %', async () => {
    const { publisher, promptId, releases } = await setup();
    const events = recordInvalidations(publisher.workspaceId);

    expect(await setCanary(publisher, promptId, { releaseId: releases.v1, percent: 10 })).toEqual({ canary: { version: 1, percent: 10 } });
    expect(await getDeployments(publisher, promptId)).toMatchObject({ production: { version: 2 }, canary: { version: 1, percent: 10 } });
    const served = await loadServedPrompt({ keyId: 'k', workspaceId: publisher.workspaceId, environment: 'production' }, 'p');
    expect(served?.current?.version).toBe(2);
    expect(served?.canary).toMatchObject({ percent: 10, snapshot: { version: 1 } });
    expect(events).toHaveLength(1);

    await setCanary(publisher, promptId, { releaseId: releases.v1, percent: 25 });
    expect((await getDeployments(publisher, promptId)).canary).toMatchObject({ version: 1, percent: 25 });

    expect(await setCanary(publisher, promptId, { releaseId: releases.v1, percent: 0 })).toEqual({ canary: null });
    expect((await getDeployments(publisher, promptId)).canary).toBeNull();
    expect(events).toHaveLength(3);
    expect(await auditCount(publisher, 'canary.set')).toBe(3);

    // Stopping a stopped canary changes nothing.
    await setCanary(publisher, promptId, { releaseId: null, percent: 0 });
    expect(await auditCount(publisher, 'canary.set')).toBe(3);
    expect(events).toHaveLength(3);
  });

  it('clears with a null release too', async () => {
    const { publisher, promptId, releases } = await setup();
    await setCanary(publisher, promptId, { releaseId: releases.v1, percent: 50 });
    await setCanary(publisher, promptId, { releaseId: null, percent: 50 });
    expect((await getDeployments(publisher, promptId)).canary).toBeNull();
  });

  it('refuses the live release, bad percents, lower roles and other workspaces', async () => {
    const { publisher, editor, promptId, releases } = await setup();
    const err = await setCanary(publisher, promptId, { releaseId: releases.v2, percent: 10 }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/already serves v2/);
    for (const percent of [-1, 101, 2.5, Number.NaN]) {
      expect(await errorCode(setCanary(publisher, promptId, { releaseId: releases.v1, percent }))).toBe('invalid');
    }
    expect(await errorCode(setCanary(editor, promptId, { releaseId: releases.v1, percent: 10 }))).toBe('forbidden');
    const other = await newTenant();
    expect(await errorCode(setCanary(other, promptId, { releaseId: releases.v1, percent: 10 }))).toBe('not_found');
    // A release of another workspace's prompt is not found through this prompt.
    const { id: foreignPrompt } = await createPrompt(other, { name: 'F', slug: 'f', description: '', tags: [] }, contentWith('f'));
    const foreignHead = await headRevisionId(foreignPrompt);
    const foreign = await publishRevision(other, { promptId: foreignPrompt, revisionId: foreignHead, note: 'f', draftPolicy: 'retain' });
    expect(await errorCode(setCanary(publisher, promptId, { releaseId: foreign.id, percent: 10 }))).toBe('not_found');
    expect((await getDeployments(publisher, promptId)).canary).toBeNull();
    expect(await auditCount(publisher, 'canary.set')).toBe(0);
  });

  it('works before production has a pinned row (serving the newest release)', async () => {
    const admin = await newTenant();
    const { id: promptId } = await createPrompt(admin, { name: 'P', slug: 'p', description: '', tags: [] }, contentWith('one'));
    const prisma = await db();
    const r1 = await headRevisionId(promptId);
    const v1 = await publishRevision(admin, { promptId, revisionId: r1, note: 'v1', draftPolicy: 'retain' });
    const r2 = (await saveDraft(admin, { promptId, baseRevisionId: r1, content: contentWith('two') })).revision.id;
    await publishRevision(admin, { promptId, revisionId: r2, note: 'v2', draftPolicy: 'retain' });
    await prisma.deployment.deleteMany({ where: { promptId } });
    await setCanary(admin, promptId, { releaseId: v1.id, percent: 5 });
    expect(await getDeployments(admin, promptId)).toMatchObject({ production: { version: 2 }, canary: { version: 1, percent: 5 } });
  });
});

describe('invalidation of served prompts', () => {
  it('publish, rollback, save and restore each invalidate the prompt after they commit', async () => {
    const { editor, publisher, promptId, revisions, releases } = await setup();
    const events = recordInvalidations(editor.workspaceId);
    const expected = { type: 'prompt', workspaceId: editor.workspaceId, slug: 'p' };

    await rollbackProduction(publisher, promptId, releases.v1);
    expect(events).toEqual([expected]);

    await publishRevision(publisher, { promptId, revisionId: revisions.r3, note: 'v3', draftPolicy: 'retain' });
    expect(events).toHaveLength(2);

    const saved = await saveDraft(editor, { promptId, baseRevisionId: revisions.r3, content: contentWith('four') });
    expect(events).toHaveLength(3);
    // An unchanged save writes nothing and invalidates nothing.
    await saveDraft(editor, { promptId, baseRevisionId: saved.revision.id, content: contentWith('four') });
    expect(events).toHaveLength(3);

    await restoreRevision(editor, promptId, revisions.r1);
    expect(events).toHaveLength(4);
    expect(events.every((e) => JSON.stringify(e) === JSON.stringify(expected))).toBe(true);

    // A refused change emits nothing.
    await rollbackProduction(publisher, promptId, releases.v1).catch(() => {});
    await rollbackProduction(publisher, promptId, releases.v1).catch(() => {});
    expect(events).toHaveLength(5);
  });

  it('emits only once the transaction has committed', async () => {
    // A listener that throws would roll the change back if the event went out inside the
    // transaction; emitted after commit, the change stands.
    const { editor, publisher, promptId, revisions, releases } = await setup();
    unsubscribe = onInvalidation((event) => {
      if (event.type === 'prompt' && event.workspaceId === editor.workspaceId) throw new Error('listener failed');
    });
    await expect(stageRevision(editor, promptId, revisions.r2)).rejects.toThrow('listener failed');
    await expect(setCanary(publisher, promptId, { releaseId: releases.v1, percent: 10 })).rejects.toThrow('listener failed');
    await expect(rollbackProduction(publisher, promptId, releases.v1)).rejects.toThrow('listener failed');
    await expect(saveDraft(editor, { promptId, baseRevisionId: revisions.r3, content: contentWith('four') })).rejects.toThrow(
      'listener failed',
    );
    unsubscribe();
    expect(await getDeployments(editor, promptId)).toMatchObject({
      staging: { revisionNumber: 2 },
      production: { version: 1 },
      canary: null,
    });
    const prisma = await db();
    expect(await prisma.revision.count({ where: { promptId } })).toBe(4);
    // The canary was committed (audited), and the rollback after it ended it.
    expect(await prisma.auditEvent.count({ where: { workspaceId: editor.workspaceId, action: 'canary.set' } })).toBe(1);
    expect(await prisma.deployment.findFirst({ where: { promptId, canaryReleaseId: releases.v1 } })).toBeNull();
  });
});

describe('canary lifetime', () => {
  // Regression: a canary outlived the publish or rollback that replaced its baseline, so a
  // later publish brought the old canary back.
  it('publishing or rolling back ends the canary', async () => {
    const { publisher, promptId, releases } = await setup();
    const prisma = await db();
    const live = await prisma.deployment.findFirst({
      where: { promptId, environment: { name: 'production' } },
      select: { releaseId: true },
    });
    const other = [releases.v1, releases.v2].find((id) => id !== live?.releaseId)!;
    await setCanary(publisher, promptId, { releaseId: other, percent: 20 });
    expect((await getDeployments(publisher, promptId)).canary).not.toBeNull();
    await rollbackProduction(publisher, promptId, other);
    expect((await getDeployments(publisher, promptId)).canary).toBeNull();
    expect(await prisma.deployment.findFirst({ where: { promptId, canaryPercent: { gt: 0 } } })).toBeNull();
  });
});
