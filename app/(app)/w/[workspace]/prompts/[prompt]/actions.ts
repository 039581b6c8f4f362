'use server';

import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { getDraftHead } from '@/lib/data/prompts';
import { saveDraft as saveDraftData } from '@/lib/data/revisions';
import { loadDraftHeadSchema, saveDraftSchema } from '@/lib/schemas/draft';

/** One autosave: appends r(n+1) unless the content equals the head; a moved head is a conflict. */
export const saveDraft = action(saveDraftSchema, async ({ workspace, promptId, baseRevisionId, content }, user) => {
  const ctx = await authorize(user.id, workspace, 'draft.save');
  // No revalidatePath: it would re-render the editor page in the action's response on every
  // autosave. The editor refreshes the rest of the page itself once typing pauses.
  const { saved, revision } = await saveDraftData(ctx, { promptId, baseRevisionId, content });
  return { saved, revision: { id: revision.id, number: revision.number, savedAt: revision.createdAt.toISOString() } };
});

/** The current draft head, for "load the latest" after a conflict. */
export const loadDraftHead = action(loadDraftHeadSchema, async ({ workspace, promptId }, user) => {
  const ctx = await authorize(user.id, workspace, 'prompt.read');
  return getDraftHead(ctx, promptId);
});
