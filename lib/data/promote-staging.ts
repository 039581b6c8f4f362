import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import type { Tx } from './audit';
import { assertGateOpen } from './publish';
import { publishRevision } from './releases';

/** What staging serves for a prompt now: its pinned revision, or null. */
async function stagedRevision(tx: Tx, workspaceId: string, promptId: string) {
  const row = await tx.deployment.findFirst({
    where: { promptId, environment: { workspaceId, name: 'staging' }, revisionId: { not: null } },
    select: { revision: { select: { id: true, number: true, contentHash: true } } },
  });
  return row?.revision ?? null;
}

/**
 * Publishes exactly the revision the promoter saw on staging, through the same gate as
 * Publish. Inside the publish transaction (under the prompt lock, so staging cannot move
 * meanwhile) staging must still serve that revision with that contentHash; if it moved, a
 * 409 names what it serves now, so what was validated in staging is what ships.
 */
export async function promoteStaging(
  ctx: WorkspaceContext,
  input: { promptId: string; revisionId: string; contentHash: string; note: string },
) {
  assertCan(ctx, 'release.publish');
  return publishRevision(
    ctx,
    { promptId: input.promptId, revisionId: input.revisionId, note: input.note, draftPolicy: 'reset', audit: { from: 'staging' } },
    async (tx) => {
      const staged = await stagedRevision(tx, ctx.workspaceId, input.promptId);
      if (!staged) throw new AppError('conflict', 'Staging serves no pinned revision any more; nothing was promoted.');
      if (staged.id !== input.revisionId || staged.contentHash !== input.contentHash) {
        throw new AppError('conflict', `Staging moved: it now serves r${staged.number}. Check it on staging, then promote it.`, {
          details: { staged: { revisionNumber: staged.number, contentHash: staged.contentHash } },
        });
      }
      return assertGateOpen(tx, ctx, input.promptId, input.revisionId);
    },
  );
}
