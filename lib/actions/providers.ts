'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import {
  createProvider as createProviderData,
  deleteProvider as deleteProviderData,
  updateProvider as updateProviderData,
} from '@/lib/data/providers';
import { encryptionSecret } from '@/lib/env';
import { keyFromSecret } from '@/lib/eval/crypto';
import { createProviderSchema, deleteProviderSchema, updateProviderSchema } from '@/lib/schemas/evaluation';
import { revalidateWorkspace } from './revalidate';

// Provider DTOs say only whether a key is set; the key itself never goes back to the browser.
export const createProvider = workspaceAction(createProviderSchema, 'provider.manage', async (input, ctx) => {
  const created = await createProviderData(ctx, input, keyFromSecret(encryptionSecret()));
  revalidateWorkspace(ctx);
  return created;
});

export const updateProvider = workspaceAction(updateProviderSchema, 'provider.manage', async ({ providerId, ...input }, ctx) => {
  const updated = await updateProviderData(ctx, providerId, input, keyFromSecret(encryptionSecret()));
  revalidateWorkspace(ctx);
  return updated;
});

export const deleteProvider = workspaceAction(deleteProviderSchema, 'provider.manage', async ({ providerId }, ctx) => {
  await deleteProviderData(ctx, providerId);
  revalidateWorkspace(ctx);
  return null;
});
