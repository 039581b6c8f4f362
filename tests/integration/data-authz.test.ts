// Defence in depth: every mutating lib/data function checks its own permission on the
// context it is given, so a context obtained for reading (here a viewer's, authorized for
// workspace.read) is refused by each of them even if an action forgot its check. Each call
// gets real ids and valid input, so without its check it would succeed (or fail otherwise).
import { describe, expect, it } from 'vitest';
import { authorize } from '@/lib/authz';
import { inviteMember, revokeInvitation } from '@/lib/data/invitations';
import { changeRole, listMembers, removeMember } from '@/lib/data/members';
import { issuePasswordReset } from '@/lib/data/password-resets';
import { createApiKey, revokeApiKey } from '@/lib/data/api-keys';
import { setCanary, stageRevision } from '@/lib/data/deployments';
import { cancelRun, startRun } from '@/lib/data/evaluation-service';
import { createTestCase, deleteTestCase, updateTestCase } from '@/lib/data/test-cases';
import { restoreRevision } from '@/lib/data/history';
import { updatePromptPolicy, updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { createProvider, deleteProvider, updateProvider } from '@/lib/data/providers';
import { publish } from '@/lib/data/publish';
import { listReleases, rollbackProduction } from '@/lib/data/releases';
import { closeReview, decideReview, requestReview, updateReviewToHead } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import type { Content } from '@/lib/domain/content';
import { contentHash } from '@/lib/domain/hash';
import { addMember, errorCode, newTenant, uniqueEmail } from './helpers';

const KEY = Buffer.alloc(32, 7);
const contentWith = (body: string): Content => ({
  blocks: [{ id: 'usr', kind: 'user', title: 'User', body, enabled: true }],
  variables: [],
  model: { provider: 'openai', model: 'gpt-4o-mini', params: {} },
});
const provider = { name: 'Local', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'sk-test' };
const testCase = { name: 'renders', variables: {}, assertions: [{ type: 'renders', target: 'prompt' }] };

describe('every mutating data function asserts its permission', () => {
  it('refuses a read-only context for each mutation, and changes nothing', async () => {
    const admin = await newTenant();
    const viewerMember = await addMember(admin, 'viewer');
    const editor = await addMember(admin, 'editor');
    const reader = await authorize(viewerMember.userId, admin.workspaceSlug, 'workspace.read');
    expect(reader.role).toBe('viewer');

    const { id: promptId } = await createPrompt(editor, { name: 'P', slug: 'p', description: '', tags: [] }, contentWith('one'));
    const r1 = (await getPrompt(admin, 'p')).headRevision!;
    await publish(admin, { promptId, revisionId: r1.id, note: 'v1' });
    const saved = await saveDraft(editor, {
      promptId,
      baseRevisionId: (await getPrompt(admin, 'p')).headRevision!.id,
      content: contentWith('two'),
    });
    await publish(admin, { promptId, revisionId: saved.revision.id, note: 'v2' });
    const releases = await listReleases(admin, promptId);
    const v1 = releases.find((r) => r.version === 1)!;
    const head = (await getPrompt(admin, 'p')).headRevision!;
    const review = await requestReview(editor, { promptId, reviewerIds: [], title: 'Review', description: '' });
    const invited = await inviteMember(admin, uniqueEmail('invitee'), 'editor');
    const key = await createApiKey(admin, { name: 'k', environment: 'production' });
    const prov = await createProvider(admin, provider, KEY);
    const tc = await createTestCase(editor, promptId, testCase as never);
    const { members } = await listMembers(admin);
    const editorMembership = members.find((m) => m.userId === editor.userId)!.membershipId;

    const mutations: Record<string, () => Promise<unknown>> = {
      createPrompt: () => createPrompt(reader, { name: 'Q', slug: 'q', description: '', tags: [] }),
      saveDraft: () => saveDraft(reader, { promptId, baseRevisionId: head.id, content: contentWith('three') }),
      restoreRevision: () => restoreRevision(reader, promptId, r1.id),
      requestReview: () => requestReview(reader, { promptId, reviewerIds: [], title: 'T', description: '' }),
      updateReviewToHead: () => updateReviewToHead(reader, promptId, review.id),
      closeReview: () => closeReview(reader, promptId, review.id),
      decideReview: () =>
        decideReview(reader, {
          promptId,
          reviewId: review.id,
          decision: 'approve',
          comment: '',
          expectedContentHash: contentHash(contentWith('two')),
        }),
      publish: () => publish(reader, { promptId, revisionId: r1.id, note: 'n' }),
      rollbackProduction: () => rollbackProduction(reader, promptId, v1.id),
      stageRevision: () => stageRevision(reader, promptId, r1.id),
      setCanary: () => setCanary(reader, promptId, { releaseId: v1.id, percent: 10 }),
      updateWorkspacePolicy: () => updateWorkspacePolicy(reader, { ...DEFAULT_POLICY, requiredApprovals: 2 }),
      updatePromptPolicy: () => updatePromptPolicy(reader, promptId, { requiredApprovals: 2 } as never),
      inviteMember: () => inviteMember(reader, uniqueEmail('x'), 'viewer'),
      changeRole: () => changeRole(reader, editorMembership, 'admin'),
      removeMember: () => removeMember(reader, editorMembership),
      revokeInvitation: () => revokeInvitation(reader, invited.invitationId),
      issuePasswordReset: () => issuePasswordReset(reader, editorMembership),
      createApiKey: () => createApiKey(reader, { name: 'k2', environment: 'development' }),
      revokeApiKey: () => revokeApiKey(reader, key.id),
      createProvider: () => createProvider(reader, provider, KEY),
      updateProvider: () => updateProvider(reader, prov.id, provider, KEY),
      deleteProvider: () => deleteProvider(reader, prov.id),
      createTestCase: () => createTestCase(reader, promptId, testCase as never),
      updateTestCase: () => updateTestCase(reader, promptId, tc.id, testCase as never),
      deleteTestCase: () => deleteTestCase(reader, promptId, tc.id),
      startRun: () => startRun(reader, { promptId, providerId: prov.id } as never, KEY),
      cancelRun: () => cancelRun(reader, 'no-such-run'),
    };

    const outcomes: Record<string, string> = {};
    for (const [name, call] of Object.entries(mutations)) outcomes[name] = await errorCode(call());
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(mutations).map((name) => [name, 'forbidden'])));

    // Nothing moved: same head, same releases, same members.
    expect((await getPrompt(admin, 'p')).headRevision!.id).toBe(head.id);
    expect((await listReleases(admin, promptId)).map((r) => [r.version, r.live])).toEqual(releases.map((r) => [r.version, r.live]));
    expect((await listMembers(admin)).members.find((m) => m.userId === editor.userId)?.role).toBe('editor');
  });
});
