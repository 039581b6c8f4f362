'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { createProvider as createProviderData, deleteProvider as deleteProviderData, updateProvider as updateProviderData } from '@/lib/data/providers';
import { encryptionSecret } from '@/lib/env';
import { keyFromSecret } from '@/lib/eval/crypto';
import { createProviderSchema, deleteProviderSchema, updateProviderSchema } from '@/lib/schemas/evaluation';

const refresh = (workspace: string) => revalidatePath(`/w/${workspace}`, 'layout');

// Provider DTOs say only whether a key is set; the key itself never goes back to the browser.
export const createProvider = action(createProviderSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'provider.manage');
  const created = await createProviderData(ctx, input, keyFromSecret(encryptionSecret()));
  refresh(ctx.workspaceSlug);
  return created;
});

export const updateProvider = action(updateProviderSchema, async ({ workspace, providerId, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'provider.manage');
  const updated = await updateProviderData(ctx, providerId, input, keyFromSecret(encryptionSecret()));
  refresh(ctx.workspaceSlug);
  return updated;
});

export const deleteProvider = action(deleteProviderSchema, async ({ workspace, providerId }, user) => {
  const ctx = await authorize(user.id, workspace, 'provider.manage');
  await deleteProviderData(ctx, providerId);
  refresh(ctx.workspaceSlug);
  return null;
});
