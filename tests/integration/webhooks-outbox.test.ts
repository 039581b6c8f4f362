// Outbox retention: pruneOutbox deletes finished deliveries (with their attempts) and spent
// events past the window, and keeps pending deliveries, recent ones and events an inbox still shows.
import { describe, expect, it } from 'vitest';
import { database } from '@/lib/data/db';
import { pruneOutbox } from '@/lib/data/webhook-dispatch';
import { createWebhookEndpoint } from '@/lib/data/webhook-endpoints';
import { publish } from '@/lib/data/publish';
import { redeliver } from '@/lib/data/webhook-log';
import { errorCode, newTenant, promptWithSaves } from './helpers';

describe('outbox pruning', () => {
  it('deletes delivered and failed deliveries and spent events older than the window, keeps the rest', async () => {
    const ctx = await newTenant();
    const db = await database();
    const { id: endpointId } = await createWebhookEndpoint(ctx, {
      url: 'http://127.0.0.1:9/none',
      description: '',
      events: ['release.published'],
      format: 'standard',
    });
    for (let i = 0; i < 3; i++) {
      const { promptId, headId } = await promptWithSaves(ctx, `Prune${i}`, [`body ${i}`]);
      await publish(ctx, { promptId, revisionId: headId, note: '' });
    }
    const deliveries = await db.prisma.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.length).toBe(3);
    const [oldDelivered, oldFailed, oldPending] = deliveries;
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.prisma.webhookDelivery.update({ where: { id: oldDelivered!.id }, data: { status: 'delivered', deliveredAt: old } });
    await db.prisma.webhookDelivery.update({ where: { id: oldFailed!.id }, data: { status: 'failed', nextAttemptAt: old } });
    await db.prisma.webhookDelivery.update({ where: { id: oldPending!.id }, data: { nextAttemptAt: old } });
    await db.prisma.webhookAttempt.create({
      data: {
        deliveryId: oldDelivered!.id,
        number: 1,
        startedAt: old,
        latencyMs: 1,
        responseStatus: 200,
        responseBody: '',
        requestBody: '{}',
      },
    });
    await db.prisma.outboxEvent.updateMany({
      where: { id: { in: [oldDelivered!.eventId, oldFailed!.eventId, oldPending!.eventId] } },
      data: { createdAt: old },
    });

    const n = await pruneOutbox(db, new Date(Date.now() - 30 * 86_400_000));

    expect(n.deliveries).toBeGreaterThanOrEqual(2);
    const left = await db.prisma.webhookDelivery.findMany({ where: { endpointId }, select: { id: true } });
    const leftIds = left.map((d) => d.id);
    expect(leftIds).not.toContain(oldDelivered!.id);
    expect(leftIds).not.toContain(oldFailed!.id);
    expect(leftIds).toContain(oldPending!.id);
    expect(await db.prisma.webhookAttempt.count({ where: { deliveryId: oldDelivered!.id } })).toBe(0);
    const events = await db.prisma.outboxEvent.findMany({
      where: { id: { in: [oldDelivered!.eventId, oldFailed!.eventId, oldPending!.eventId] } },
      select: { id: true },
    });
    const eventIds = events.map((e) => e.id);
    expect(eventIds).toContain(oldPending!.eventId);
    // A spent event goes unless an inbox item still points at it.
    for (const id of [oldDelivered!.eventId, oldFailed!.eventId]) {
      const inbox = await db.prisma.notification.count({ where: { eventId: id } });
      expect(eventIds.includes(id)).toBe(inbox > 0);
    }
  });
});

describe('redeliver', () => {
  it('refuses (409) a delivery whose send is in flight under a lease, and leaves the lease alone', async () => {
    const ctx = await newTenant();
    const db = await database();
    const { id: endpointId } = await createWebhookEndpoint(ctx, {
      url: 'http://127.0.0.1:9/none',
      description: '',
      events: ['release.published'],
      format: 'standard',
    });
    const { promptId, headId } = await promptWithSaves(ctx, 'Leased', ['body']);
    await publish(ctx, { promptId, revisionId: headId, note: '' });
    const d = await db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId } });
    const leaseUntil = new Date(Date.now() + 60_000);
    await db.prisma.webhookDelivery.update({ where: { id: d.id }, data: { leaseId: 'in-flight', leaseUntil } });
    expect(await errorCode(redeliver(ctx, d.id))).toBe('conflict');
    const after = await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
    expect(after.leaseId).toBe('in-flight');
    // Once the lease has run out it may be put back.
    await db.prisma.webhookDelivery.update({ where: { id: d.id }, data: { leaseUntil: new Date(Date.now() - 1000) } });
    await redeliver(ctx, d.id);
    expect((await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).leaseId).toBeNull();
  });
});
