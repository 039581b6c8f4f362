// The delivery log an admin reads per endpoint, and Redeliver.
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { db } from './db';
import { WEBHOOK_CHANNEL } from './outbox';

export interface DeliveryLogItem {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  log: {
    number: number;
    startedAt: Date;
    latencyMs: number;
    responseStatus: number | null;
    error: string | null;
    requestBody: string;
    responseBody: string;
  }[];
}

export async function listDeliveries(ctx: WorkspaceContext, endpointId: string, limit = 50): Promise<DeliveryLogItem[]> {
  assertCan(ctx, 'webhook.manage');
  const rows = await (
    await db()
  ).webhookDelivery.findMany({
    where: { endpointId, endpoint: { workspaceId: ctx.workspaceId } },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: {
      id: true,
      eventId: true,
      status: true,
      attempts: true,
      lastStatus: true,
      lastError: true,
      nextAttemptAt: true,
      createdAt: true,
      deliveredAt: true,
      event: { select: { type: true } },
      attemptsLog: {
        orderBy: { number: 'asc' },
        select: {
          number: true,
          startedAt: true,
          latencyMs: true,
          responseStatus: true,
          error: true,
          requestBody: true,
          responseBody: true,
        },
      },
    },
  });
  return rows.map(({ event, attemptsLog, nextAttemptAt, ...r }) => ({
    ...r,
    type: event.type,
    nextAttemptAt: r.status === 'pending' ? nextAttemptAt : null,
    log: attemptsLog,
  }));
}

/** Sends the same event (same webhook-id) again now, whatever became of it. */
export async function redeliver(ctx: WorkspaceContext, deliveryId: string): Promise<void> {
  assertCan(ctx, 'webhook.manage');
  await (
    await db()
  ).$transaction(async (tx) => {
    const d = await tx.webhookDelivery.findFirst({
      where: { id: deliveryId, endpoint: { workspaceId: ctx.workspaceId } },
      select: { id: true, eventId: true },
    });
    if (!d) throw new AppError('not_found', 'Delivery not found');
    // A send in flight holds the lease: clearing it would let a second instance (or this one)
    // send the same delivery at the same time. Only a delivery nobody holds is put back.
    const moved = await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET status = 'pending', "nextAttemptAt" = now(), "leaseId" = NULL, "leaseUntil" = NULL
      WHERE id = ${d.id} AND ("leaseUntil" IS NULL OR "leaseUntil" < now())`;
    if (!moved) throw new AppError('conflict', 'This delivery is being sent right now; redeliver it once that attempt is logged');
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'webhook.redeliver',
      targetType: 'webhook_delivery',
      targetId: d.id,
      data: { event: d.eventId },
    });
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${d.eventId})`;
  });
}
