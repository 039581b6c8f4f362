import { describe, expect, it } from 'vitest';
import { stageRevision } from '@/lib/data/deployments';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { promoteStaging } from '@/lib/data/promote-staging';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { listReleases } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { DEFAULT_POLICY } from '@/lib/domain/policy';
import { contentHash } from '@/lib/domain/hash';
import { userContent } from '../factories';
import { addMember, errorCode, newTenant } from './helpers';

async function staged() {
  const admin = await newTenant();
  const publisher = await addMember(admin, 'publisher');
  const editor = await addMember(admin, 'editor');
  const { id: promptId } = await createPrompt(editor, { name: 'P', slug: 'p', description: '', tags: [] }, userContent('one'));
  const r1 = (await getPrompt(admin, 'p')).headRevision!;
  await stageRevision(editor, promptId, r1.id);
  return { admin, publisher, editor, promptId, r1, hash: contentHash(userContent('one')) };
}

describe('promote staging to production', () => {
  it('publishes exactly the staged revision, even when the draft moved on', async () => {
    const { publisher, editor, promptId, r1, hash } = await staged();
    await saveDraft(editor, { promptId, baseRevisionId: r1.id, content: userContent('two') });
    const release = await promoteStaging(publisher, { promptId, revisionId: r1.id, contentHash: hash, note: 'validated' });
    expect(release).toMatchObject({ version: 1, contentHash: hash });
    expect((await listReleases(publisher, promptId))[0]).toMatchObject({ version: 1, revisionNumber: 1, note: 'validated', live: true });
  });

  it('refuses with a 409 naming what staging serves when staging moved, and publishes nothing', async () => {
    const { publisher, editor, promptId, r1, hash } = await staged();
    const r2 = await saveDraft(editor, { promptId, baseRevisionId: r1.id, content: userContent('two') });
    await stageRevision(editor, promptId, r2.revision.id);
    const err = await promoteStaging(publisher, { promptId, revisionId: r1.id, contentHash: hash, note: 'n' }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Staging moved: it now serves r2. Check it on staging, then promote it.');
    // The right revision with a hash it does not have is refused the same way.
    const wrongHash = await promoteStaging(publisher, { promptId, revisionId: r2.revision.id, contentHash: hash, note: 'n' }).catch(
      (e) => e,
    );
    expect(wrongHash.code).toBe('conflict');
    expect(await listReleases(publisher, promptId)).toEqual([]);
  });

  it('goes through the same gate as Publish, and needs the publish role', async () => {
    const { admin, publisher, editor, promptId, r1, hash } = await staged();
    expect(await errorCode(promoteStaging(editor, { promptId, revisionId: r1.id, contentHash: hash, note: 'n' }))).toBe('forbidden');
    await updateWorkspacePolicy(admin, { ...DEFAULT_POLICY, requiredApprovals: 1 });
    const err = await promoteStaging(publisher, { promptId, revisionId: r1.id, contentHash: hash, note: 'n' }).catch((e) => e);
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/approval/i);
    expect(await listReleases(publisher, promptId)).toEqual([]);
  });

  it('loads the prompt through its workspace', async () => {
    const { promptId, r1, hash } = await staged();
    const other = await newTenant();
    expect(await errorCode(promoteStaging(other, { promptId, revisionId: r1.id, contentHash: hash, note: 'n' }))).toBe('not_found');
  });
});
