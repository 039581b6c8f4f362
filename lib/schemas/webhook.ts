import { z } from 'zod';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS } from '@/lib/domain/webhooks/events';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const webhookEndpointFields = {
  url: z.string().trim().min(1, 'Enter the URL that receives the events').max(2000, 'URL must be at most 2000 characters'),
  description: z.string().trim().max(200, 'Description must be at most 200 characters').default(''),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `Events must be among ${WEBHOOK_EVENTS.join(', ')}` }))
    .min(1, 'Pick at least one event')
    .max(WEBHOOK_EVENTS.length),
  format: z.enum(WEBHOOK_FORMATS, { error: 'Format must be standard or slack' }).default('standard'),
};

export const createWebhookSchema = z.object({ workspace: workspaceSlugSchema, ...webhookEndpointFields });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const webhookEndpointSchema = z.object({ workspace: workspaceSlugSchema, endpointId: id });
export const setWebhookEnabledSchema = webhookEndpointSchema.extend({ enabled: z.boolean() });
export const redeliverSchema = z.object({ workspace: workspaceSlugSchema, deliveryId: id });

export const notificationSchema = z.object({ workspace: workspaceSlugSchema, notificationId: id });
export const workspaceOnlySchema = z.object({ workspace: workspaceSlugSchema });
export const followSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, follow: z.boolean() });
