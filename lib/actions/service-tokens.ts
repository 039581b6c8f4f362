'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { createServiceToken as createData, revokeServiceToken as revokeData } from '@/lib/data/service-tokens';
import { createServiceTokenSchema, revokeServiceTokenSchema } from '@/lib/schemas/service-token';
import { revalidateSettings } from './revalidate';

const DAY_MS = 24 * 60 * 60_000;

/** Returns the full token: this response is the only time anyone sees it. */
export const createServiceToken = workspaceAction(createServiceTokenSchema, 'servicetoken.manage', async (input, ctx) => {
  const expiresAt = input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * DAY_MS);
  const created = await createData(ctx, { name: input.name, role: input.role, expiresAt });
  revalidateSettings(ctx);
  return created;
});

export const revokeServiceToken = workspaceAction(revokeServiceTokenSchema, 'servicetoken.manage', async ({ tokenId }, ctx) => {
  await revokeData(ctx, tokenId);
  revalidateSettings(ctx);
  return null;
});
