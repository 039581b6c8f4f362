// The dispatcher's database side. Claiming is one autocommit statement (FOR UPDATE SKIP LOCKED
// and a lease), so no transaction stays open while a request is in flight, and instances on one
// PostgreSQL never claim the same delivery while its lease runs. Finishing is one short
// transaction, guarded by the lease id: a worker whose lease expired writes nothing.
import 'server-only';
import { DISABLE_AFTER_FAILURES } from '@/lib/domain/webhooks/retry';
import type { Database } from './db';
import { emitEvent, WEBHOOK_CHANNEL } from './outbox';

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  /** Attempts already made; this one is attempts + 1. */
  attempts: number;
  type: string;
  payload: string;
  url: string;
  format: string;
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
}

/**
 * Claims up to `limit` due deliveries, at most `perEndpoint` per endpoint counting the ones this
 * instance already has in flight (`inFlight`), so a slow endpoint's backlog never fills a batch.
 */
export async function claimDeliveries(
  database: Database,
  opts: { limit: number; perEndpoint: number; leaseId: string; leaseMs: number; inFlight: Map<string, number> },
): Promise<ClaimedDelivery[]> {
  if (opts.limit <= 0) return [];
  const busyIds = [...opts.inFlight.keys()];
  const busyCounts = [...opts.inFlight.values()];
  return database.prisma.$queryRaw<ClaimedDelivery[]>`
    WITH busy AS (SELECT * FROM unnest(${busyIds}::text[], ${busyCounts}::int[]) AS b(id, n)),
    picked AS (
      SELECT x.id FROM "WebhookEndpoint" e
      CROSS JOIN LATERAL (
        SELECT d.id FROM "WebhookDelivery" d
        WHERE d."endpointId" = e.id AND d.status = 'pending' AND d."nextAttemptAt" <= now()
          AND (d."leaseUntil" IS NULL OR d."leaseUntil" < now())
        ORDER BY d."nextAttemptAt"
        LIMIT GREATEST(0, ${opts.perEndpoint} - COALESCE((SELECT n FROM busy WHERE busy.id = e.id), 0))
        FOR UPDATE OF d SKIP LOCKED
      ) x
      WHERE e.enabled
      LIMIT ${opts.limit}
    )
    UPDATE "WebhookDelivery" d
    SET "leaseId" = ${opts.leaseId}, "leaseUntil" = now() + ${opts.leaseMs} * interval '1 millisecond'
    FROM picked, "OutboxEvent" ev, "WebhookEndpoint" e
    WHERE d.id = picked.id AND ev.id = d."eventId" AND e.id = d."endpointId"
    RETURNING d.id, d."endpointId", d."eventId", d.attempts, ev.type, ev.payload::text AS payload,
      e.url, e.format, e.secret, e."previousSecret", e."previousSecretUntil"`;
}

/** Hands claimed deliveries back untouched (a send cut short by shutdown). */
export async function releaseDeliveries(database: Database, ids: string[], leaseId: string): Promise<void> {
  if (!ids.length) return;
  await database.prisma.$executeRaw`
    UPDATE "WebhookDelivery" SET "leaseId" = NULL, "leaseUntil" = NULL WHERE id = ANY(${ids}::text[]) AND "leaseId" = ${leaseId}`;
}

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
  responseBody: string;
  requestBody: string;
  startedAt: Date;
}

/**
 * Logs the attempt and moves the delivery on: delivered, retried after `retryInMs`, or failed
 * for good (retryInMs null). Counts the endpoint's failures in a row; at the limit it is
 * disabled, audited, and its admins are notified. False when the lease had been lost.
 */
export async function finishDelivery(
  database: Database,
  d: ClaimedDelivery,
  leaseId: string,
  result: AttemptResult,
  retryInMs: number | null,
): Promise<{ finished: boolean; disabled: boolean; outcome: 'delivered' | 'retry' | 'failed' }> {
  const outcome = result.ok ? 'delivered' : retryInMs === null ? 'failed' : 'retry';
  const status = outcome === 'retry' ? 'pending' : outcome;
  return database.prisma.$transaction(async (tx) => {
    const moved = await tx.$executeRaw`
      UPDATE "WebhookDelivery" SET status = ${status}, attempts = attempts + 1, "leaseId" = NULL, "leaseUntil" = NULL,
        "lastStatus" = ${result.status}, "lastError" = ${result.error},
        "nextAttemptAt" = now() + ${retryInMs ?? 0} * interval '1 millisecond',
        "deliveredAt" = ${result.ok ? new Date() : null}
      WHERE id = ${d.id} AND "leaseId" = ${leaseId}`;
    if (!moved) return { finished: false, disabled: false, outcome };
    await tx.webhookAttempt.create({
      data: {
        deliveryId: d.id,
        number: d.attempts + 1,
        startedAt: result.startedAt,
        latencyMs: result.latencyMs,
        responseStatus: result.status,
        responseBody: result.responseBody,
        error: result.error,
        requestBody: result.requestBody,
      },
      select: { id: true },
    });
    if (result.ok) {
      await tx.$executeRaw`UPDATE "WebhookEndpoint" SET "consecutiveFailures" = 0 WHERE id = ${d.endpointId} AND "consecutiveFailures" <> 0`;
      return { finished: true, disabled: false, outcome };
    }
    const [ep] = await tx.$queryRaw<{ workspaceId: string; url: string; failures: number; enabled: boolean }[]>`
      UPDATE "WebhookEndpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1 WHERE id = ${d.endpointId}
      RETURNING "workspaceId", url, "consecutiveFailures" AS failures, enabled`;
    if (!ep || !ep.enabled || ep.failures < DISABLE_AFTER_FAILURES) return { finished: true, disabled: false, outcome };
    const reason = `Disabled after ${ep.failures} failed attempts in a row (last: ${result.error ?? `HTTP ${result.status}`})`;
    await tx.webhookEndpoint.update({ where: { id: d.endpointId }, data: { enabled: false, disabledReason: reason } });
    await tx.auditEvent.create({
      data: {
        workspaceId: ep.workspaceId,
        actorId: null,
        action: 'webhook.auto_disable',
        targetType: 'webhook_endpoint',
        targetId: d.endpointId,
        data: { url: ep.url, reason },
      },
    });
    const [ws] = await tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM "Workspace" WHERE id = ${ep.workspaceId}`;
    await emitEvent(tx, {
      workspaceId: ep.workspaceId,
      type: 'webhook.endpoint_disabled',
      actorId: null,
      data: { details: { endpoint: d.endpointId, url: ep.url, reason } },
      notify: {
        kind: 'webhook.endpoint_disabled',
        title: `Webhook to ${ep.url} was disabled`,
        link: `/w/${ws?.slug}/settings/webhooks`,
        to: { roles: ['admin'] },
      },
    });
    return { finished: true, disabled: true, outcome };
  });
}

/**
 * Deletes what the retention window has passed: deliveries that are finished (delivered or
 * failed for good) and last moved before `olderThan`, with their attempts (cascade), then events
 * older than that with no delivery and no inbox item left. Pending deliveries are never touched.
 */
export async function pruneOutbox(database: Database, olderThan: Date): Promise<{ deliveries: number; events: number }> {
  const deliveries = await database.prisma.$executeRaw`
    DELETE FROM "WebhookDelivery"
    WHERE status IN ('delivered', 'failed') AND COALESCE("deliveredAt", "nextAttemptAt", "createdAt") < ${olderThan}`;
  const events = await database.prisma.$executeRaw`
    DELETE FROM "OutboxEvent" ev
    WHERE ev."createdAt" < ${olderThan}
      AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."eventId" = ev.id)
      AND NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."eventId" = ev.id)`;
  return { deliveries, events };
}

/** Deliveries waiting to be sent, for /metrics. */
export async function countPendingDeliveries(database: Database): Promise<number> {
  const [row] = await database.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "WebhookDelivery" WHERE status = 'pending'`;
  return Number(row?.n ?? 0);
}

export { WEBHOOK_CHANNEL };
