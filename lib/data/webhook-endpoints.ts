// Webhook endpoints: admins create, rotate, enable, disable and delete them; the secret is
// shown once, in the answer to create and rotate. Every change is audited.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { WebhookFormat } from '@/lib/domain/webhooks/events';
import { newWebhookSecret, ROTATION_GRACE_MS } from '@/lib/domain/webhooks/signing';
import { AppError } from '@/lib/errors';
import type { CreateWebhookInput } from '@/lib/schemas/webhook';
import { checkWebhookUrl } from '@/lib/webhooks/url-check';
import { recordAudit, type Tx } from './audit';
import { db } from './db';
import { emitEvent } from './outbox';

export interface WebhookEndpointDTO {
  id: string;
  url: string;
  description: string;
  events: string[];
  format: WebhookFormat;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  rotating: boolean;
  createdAt: Date;
}

const SELECT = {
  id: true,
  url: true,
  description: true,
  events: true,
  format: true,
  enabled: true,
  disabledReason: true,
  consecutiveFailures: true,
  previousSecretUntil: true,
  createdAt: true,
} as const;

type Row = { previousSecretUntil: Date | null; format: string } & Omit<WebhookEndpointDTO, 'rotating' | 'format'>;
const toDTO = ({ previousSecretUntil, format, ...r }: Row): WebhookEndpointDTO => ({
  ...r,
  format: format as WebhookFormat,
  rotating: Boolean(previousSecretUntil && previousSecretUntil > new Date()),
});

const newSecret = () => newWebhookSecret((n) => new Uint8Array(randomBytes(n)));

async function endpointOf(tx: Tx, ctx: WorkspaceContext, endpointId: string) {
  const e = await tx.webhookEndpoint.findFirst({
    where: { id: endpointId, workspaceId: ctx.workspaceId },
    select: { id: true, url: true },
  });
  if (!e) throw new AppError('not_found', 'Webhook endpoint not found');
  return e;
}

export async function listWebhookEndpoints(ctx: WorkspaceContext): Promise<WebhookEndpointDTO[]> {
  assertCan(ctx, 'webhook.manage');
  const rows = await (
    await db()
  ).webhookEndpoint.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: 'asc' }, select: SELECT });
  return rows.map(toDTO);
}

export async function getWebhookEndpoint(ctx: WorkspaceContext, endpointId: string): Promise<WebhookEndpointDTO | null> {
  assertCan(ctx, 'webhook.manage');
  const row = await (await db()).webhookEndpoint.findFirst({ where: { id: endpointId, workspaceId: ctx.workspaceId }, select: SELECT });
  return row && toDTO(row);
}

/** Refuses a bad URL with a field error; returns the secret, which is never shown again. */
export async function createWebhookEndpoint(ctx: WorkspaceContext, input: Omit<CreateWebhookInput, 'workspace'>) {
  assertCan(ctx, 'webhook.manage');
  const problem = await checkWebhookUrl(input.url);
  if (problem) throw new AppError('invalid', problem, { fieldErrors: { url: [problem] } });
  const secret = newSecret();
  return (await db()).$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: {
        workspaceId: ctx.workspaceId,
        url: input.url,
        description: input.description,
        events: input.events,
        format: input.format,
        secret,
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await audit(tx, ctx, 'webhook.create', row.id, { url: input.url, events: input.events, format: input.format });
    return { id: row.id, secret };
  });
}

/** A new secret; the old one keeps signing (alongside) for 24 hours so receivers can switch. */
export async function rotateWebhookSecret(ctx: WorkspaceContext, endpointId: string) {
  assertCan(ctx, 'webhook.manage');
  const secret = newSecret();
  return (await db()).$transaction(async (tx) => {
    await endpointOf(tx, ctx, endpointId);
    const [{ old }] = await tx.$queryRaw<
      { old: string }[]
    >`SELECT secret AS old FROM "WebhookEndpoint" WHERE id = ${endpointId} FOR UPDATE`;
    const until = new Date(Date.now() + ROTATION_GRACE_MS);
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { secret, previousSecret: old, previousSecretUntil: until } });
    await audit(tx, ctx, 'webhook.rotate_secret', endpointId, { previousValidUntil: until.toISOString() });
    return { secret, previousValidUntil: until };
  });
}

export async function setWebhookEnabled(ctx: WorkspaceContext, endpointId: string, enabled: boolean) {
  assertCan(ctx, 'webhook.manage');
  await (
    await db()
  ).$transaction(async (tx) => {
    await endpointOf(tx, ctx, endpointId);
    // Enabling starts the failure count afresh; pending deliveries resume with their schedule.
    await tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: enabled ? { enabled, disabledReason: null, consecutiveFailures: 0 } : { enabled, disabledReason: 'Disabled by an admin' },
    });
    await audit(tx, ctx, enabled ? 'webhook.enable' : 'webhook.disable', endpointId, {});
  });
}

export async function deleteWebhookEndpoint(ctx: WorkspaceContext, endpointId: string) {
  assertCan(ctx, 'webhook.manage');
  await (
    await db()
  ).$transaction(async (tx) => {
    const e = await endpointOf(tx, ctx, endpointId);
    await tx.webhookEndpoint.delete({ where: { id: e.id } });
    await audit(tx, ctx, 'webhook.delete', e.id, { url: e.url });
  });
}

/** A `webhook.test` event to this endpoint only, through the outbox like any other. */
export async function sendTestEvent(ctx: WorkspaceContext, endpointId: string) {
  assertCan(ctx, 'webhook.manage');
  return (await db()).$transaction(async (tx) => {
    await endpointOf(tx, ctx, endpointId);
    const eventId = await emitEvent(tx, {
      workspaceId: ctx.workspaceId,
      type: 'webhook.test',
      actorId: ctx.userId,
      data: { details: { message: 'A test event from Galley' } },
      onlyEndpointId: endpointId,
    });
    return { eventId: eventId! };
  });
}

function audit(tx: Tx, ctx: WorkspaceContext, action: string, targetId: string, data: Record<string, unknown>) {
  return recordAudit(tx, {
    workspaceId: ctx.workspaceId,
    actorId: ctx.userId,
    action,
    targetType: 'webhook_endpoint',
    targetId,
    data: data as never,
  });
}
