'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { loadPublishDiff as loadPublishDiffData } from '@/lib/data/compare';
import { getDraftHead } from '@/lib/data/prompts';
import { saveDraft as saveDraftData } from '@/lib/data/revisions';
import { loadDraftHeadSchema, loadPublishDiffSchema, saveDraftSchema } from '@/lib/schemas/draft';

/** One autosave: appends r(n+1) unless the content equals the head; a moved head is a conflict. */
export const saveDraft = workspaceAction(saveDraftSchema, 'draft.save', async ({ promptId, baseRevisionId, content }, ctx) => {
  // No revalidation: it would re-render the editor page in the action's response on every
  // autosave. The editor refreshes the rest of the page itself once typing pauses.
  const { saved, revision } = await saveDraftData(ctx, { promptId, baseRevisionId, content });
  return { saved, revision: { id: revision.id, number: revision.number, savedAt: revision.createdAt.toISOString() } };
});

/** The current draft head, for "load the latest" after a conflict. */
export const loadDraftHead = workspaceAction(loadDraftHeadSchema, 'prompt.read', async ({ promptId }, ctx) => getDraftHead(ctx, promptId));

/** The Publish dialog's diff (production against the revision it publishes), read when it opens. */
export const loadPublishDiff = workspaceAction(loadPublishDiffSchema, 'prompt.read', async ({ promptId, revisionNumber }, ctx) =>
  loadPublishDiffData(ctx, promptId, revisionNumber),
);
