'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { createApiKey as createApiKeyData, revokeApiKey as revokeApiKeyData } from '@/lib/data/api-keys';
import { createApiKeySchema, revokeApiKeySchema } from '@/lib/schemas/api-key';
import { revalidateSettings } from './revalidate';

/** Returns the full key: this response is the only time anyone sees it. */
export const createApiKey = workspaceAction(createApiKeySchema, 'apikey.manage', async ({ name, environment }, ctx) => {
  const created = await createApiKeyData(ctx, { name, environment });
  revalidateSettings(ctx);
  return created;
});

export const revokeApiKey = workspaceAction(revokeApiKeySchema, 'apikey.manage', async ({ keyId }, ctx) => {
  await revokeApiKeyData(ctx, keyId);
  revalidateSettings(ctx);
  return null;
});
