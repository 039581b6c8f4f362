'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { createApiKey as createApiKeyData, revokeApiKey as revokeApiKeyData } from '@/lib/data/api-keys';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/schemas/api-key';

/** Returns the full key: this response is the only time anyone sees it. */
export const createApiKey = action(createApiKeySchema, async ({ workspace, name, environment }, user) => {
  const ctx = await authorize(user.id, workspace, 'apikey.manage');
  const created = await createApiKeyData(ctx, { name, environment });
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return created;
});

export const revokeApiKey = action(revokeApiKeySchema, async ({ workspace, keyId }, user) => {
  const ctx = await authorize(user.id, workspace, 'apikey.manage');
  await revokeApiKeyData(ctx, keyId);
  revalidatePath(`/w/${ctx.workspaceSlug}/settings`);
  return null;
});
