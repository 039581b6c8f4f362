// Every service-token role against every write endpoint of the write API, and the publish
// policy for a token exactly as for a person: the same gate, the same reasons, the same
// approvals rule (an author's approval does not count; a reviewer's does).
import { describe, expect, it } from 'vitest';
import { can, type Action } from '@/lib/authz-rules';
import { db } from '@/lib/data/db';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt } from '@/lib/data/prompts';
import { promptBySlug } from '@/lib/data/prompt-refs';
import { publish } from '@/lib/data/publish';
import { publishRevision } from '@/lib/data/releases';
import { decideReview, requestReview } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { SERVICE_TOKEN_ROLES } from '@/lib/domain/service-token';
import { systemContent } from '../factories';
import { addMember, errorCode, headRevisionId, newTenant } from './helpers';
import { api, tokenFor } from './write-api-client';

/** Each write endpoint, the permission it needs (written here, not read from the router), and a call that is allowed when the role has it. */
const ENDPOINTS: { name: string; permission: Action; call: (token: string, slug: string) => Promise<{ status: number; json: unknown }> }[] =
  [
    {
      name: 'create a prompt',
      permission: 'prompt.create',
      call: (t, slug) => api(t, 'POST', '/prompts', { slug: `${slug}-new`, name: 'New' }),
    },
    {
      name: 'update details',
      permission: 'prompt.update',
      call: (t, slug) => api(t, 'PATCH', `/prompts/${slug}`, { description: 'changed' }),
    },
    {
      name: 'save a revision',
      permission: 'draft.save',
      call: (t, slug) => api(t, 'POST', `/prompts/${slug}/revisions`, { baseRevision: 2, content: systemContent(`three ${slug}`) }),
    },
    {
      name: 'request a review',
      permission: 'review.request',
      call: (t, slug) => api(t, 'POST', `/prompts/${slug}/reviews`, { revision: 2 }),
    },
    { name: 'stage', permission: 'staging.pin', call: (t, slug) => api(t, 'PUT', `/prompts/${slug}/staging`, { revision: 1 }) },
    {
      name: 'publish',
      permission: 'release.publish',
      call: (t, slug) => api(t, 'POST', `/prompts/${slug}/releases`, { revision: 2, note: 'n' }),
    },
    { name: 'roll back', permission: 'release.rollback', call: (t, slug) => api(t, 'POST', `/prompts/${slug}/rollback`, { version: 1 }) },
  ];

/** Everything a write endpoint can change about a prompt and its workspace, as one string. */
async function fingerprint(workspaceId: string, promptId: string): Promise<string> {
  const prisma = await db();
  const [prompt, deployments, reviews, prompts, events] = await Promise.all([
    prisma.prompt.findUniqueOrThrow({
      where: { id: promptId },
      select: { name: true, description: true, tags: true, revisionCount: true, releaseCount: true, headRevisionId: true },
    }),
    prisma.deployment.findMany({ where: { promptId }, select: { releaseId: true, revisionId: true }, orderBy: { id: 'asc' } }),
    prisma.review.count({ where: { promptId } }),
    prisma.prompt.count({ where: { workspaceId } }),
    prisma.auditEvent.count({ where: { workspaceId } }),
  ]);
  return JSON.stringify({ prompt, deployments, reviews, prompts, events });
}

describe('service token roles on the write API', () => {
  it('allows each endpoint exactly to the roles whose members may do it, and a refusal changes nothing', async () => {
    const admin = await newTenant();
    for (const role of SERVICE_TOKEN_ROLES) {
      const { secret } = await tokenFor(admin, role, { name: `${role}-bot` });
      for (const endpoint of ENDPOINTS) {
        // A fresh prompt per cell: r1 (v1, production), r2 saved, so every allowed call has something to do.
        const slug = `${role}-${endpoint.permission.replace('.', '-')}`;
        const { id } = await createPrompt(admin, { name: slug, slug, description: '', tags: [] }, systemContent('one'));
        const r1 = await headRevisionId(id);
        await publishRevision(admin, { promptId: id, revisionId: r1, note: 'v1', draftPolicy: 'retain' });
        await saveDraft(admin, { promptId: id, baseRevisionId: r1, content: systemContent(`two ${slug}`) });
        if (endpoint.permission === 'release.rollback')
          await publishRevision(admin, { promptId: id, revisionId: await headRevisionId(id), note: 'v2', draftPolicy: 'retain' });
        const before = await fingerprint(admin.workspaceId, id);
        const res = await endpoint.call(secret, slug);
        const label = `${role} → ${endpoint.name}`;
        if (can(role, endpoint.permission)) {
          expect({ label, status: res.status }).toEqual({ label, status: expect.toSatisfy((s: number) => s === 200 || s === 201) });
          expect({ label, changed: (await fingerprint(admin.workspaceId, id)) !== before }).toEqual({ label, changed: true });
        } else {
          expect({ label, status: res.status }).toEqual({ label, status: 403 });
          expect(res.json).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining(`(${role})`) } });
          expect({ label, state: await fingerprint(admin.workspaceId, id) }).toEqual({ label, state: before });
        }
      }
    }
  }, 240_000);

  it('closes the publish gate for a token with the same reasons as for a person, and opens it on the same approval', async () => {
    const admin = await newTenant();
    const person = await addMember(admin, 'publisher');
    const reviewer = await addMember(admin, 'reviewer');
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals: 1, allowSelfApproval: false });
    const { secret } = await tokenFor(admin, 'publisher', { name: 'deployer' });
    await api(secret, 'POST', '/prompts', { slug: 'gated', name: 'Gated', content: systemContent('one') });
    const saved = await api(secret, 'POST', '/prompts/gated/revisions', { baseRevision: 1, content: systemContent('two') });
    expect(saved.status).toBe(201);

    const byToken = await api(secret, 'POST', '/prompts/gated/releases', { revision: 2, note: 'try' });
    expect(byToken.status).toBe(409);
    const ref = await promptBySlug(admin, 'gated');
    const personRefusal = await publish(person, { promptId: ref.id, revisionId: ref.head!.id, note: 'try' }).catch((e) => e);
    expect(personRefusal.code).toBe('conflict');
    expect(byToken.json.error.details.reasons).toEqual(personRefusal.details.reasons);
    expect(byToken.json.error.message).toBe(personRefusal.message);
    expect(byToken.json.error.details.reasons.length).toBeGreaterThan(0);

    // The token requests review of its own revision; a reviewer's approval counts, as for a person's change.
    const review = await api(secret, 'POST', '/prompts/gated/reviews', { revision: 2, reviewers: [reviewer.email] });
    expect(review.status).toBe(201);
    await decideReview(reviewer, {
      promptId: ref.id,
      reviewId: review.json.review.id,
      decision: 'approve',
      comment: '',
      expectedContentHash: saved.json.revision.contentHash,
    });
    const published = await api(secret, 'POST', '/prompts/gated/releases', { revision: 2, note: 'approved' });
    expect(published.status).toBe(201);
    expect(published.json.release.version).toBe(1);

    // A reviewer's own change needs someone else's approval, whoever publishes it: the token is refused as the person is.
    const head = await headRevisionId(ref.id);
    const r = await saveDraft(reviewer, { promptId: ref.id, baseRevisionId: head, content: systemContent('by the reviewer') });
    const own = await requestReview(reviewer, { promptId: ref.id, revisionId: r.revision.id, reviewerIds: [], title: '', description: '' });
    expect(
      await errorCode(
        decideReview(reviewer, {
          promptId: ref.id,
          reviewId: own.id,
          decision: 'approve',
          comment: '',
          expectedContentHash: r.revision.contentHash,
        }),
      ),
    ).toBe('forbidden');
    const again = await api(secret, 'POST', '/prompts/gated/releases', { revision: r.revision.number, note: 'x' });
    const personAgain = await publish(person, { promptId: ref.id, revisionId: r.revision.id, note: 'x' }).catch((e) => e);
    expect(again.status).toBe(409);
    expect(again.json.error.details.reasons).toEqual(personAgain.details.reasons);
  });
});
