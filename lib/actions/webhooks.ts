'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { revalidatePath } from 'next/cache';
import { workspaceAction } from '@/lib/action';
import type { WorkspaceContext } from '@/lib/authz';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookSecret,
  sendTestEvent as sendTestEventData,
  setWebhookEnabled as setEnabledData,
} from '@/lib/data/webhook-endpoints';
import { redeliver as redeliverData } from '@/lib/data/webhook-log';
import { createWebhookSchema, redeliverSchema, setWebhookEnabledSchema, webhookEndpointSchema } from '@/lib/schemas/webhook';

const revalidateWebhooks = (ctx: WorkspaceContext) => revalidatePath(`/w/${ctx.workspaceSlug}/settings/webhooks`, 'layout');

/** Returns the secret: this response is the only time anyone sees it. */
export const createWebhook = workspaceAction(createWebhookSchema, 'webhook.manage', async ({ url, description, events, format }, ctx) => {
  const created = await createWebhookEndpoint(ctx, { url, description, events, format });
  revalidateWebhooks(ctx);
  return created;
});

export const rotateWebhook = workspaceAction(webhookEndpointSchema, 'webhook.manage', async ({ endpointId }, ctx) => {
  const { secret, previousValidUntil } = await rotateWebhookSecret(ctx, endpointId);
  revalidateWebhooks(ctx);
  return { secret, previousValidUntil: previousValidUntil.toISOString() };
});

export const setWebhookEnabled = workspaceAction(setWebhookEnabledSchema, 'webhook.manage', async ({ endpointId, enabled }, ctx) => {
  await setEnabledData(ctx, endpointId, enabled);
  revalidateWebhooks(ctx);
  return null;
});

export const deleteWebhook = workspaceAction(webhookEndpointSchema, 'webhook.manage', async ({ endpointId }, ctx) => {
  await deleteWebhookEndpoint(ctx, endpointId);
  revalidateWebhooks(ctx);
  return null;
});

export const sendTestWebhook = workspaceAction(webhookEndpointSchema, 'webhook.manage', async ({ endpointId }, ctx) => {
  const sent = await sendTestEventData(ctx, endpointId);
  revalidateWebhooks(ctx);
  return sent;
});

export const redeliverWebhook = workspaceAction(redeliverSchema, 'webhook.manage', async ({ deliveryId }, ctx) => {
  await redeliverData(ctx, deliveryId);
  revalidateWebhooks(ctx);
  return null;
});
