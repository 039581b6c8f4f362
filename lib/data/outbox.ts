// The transactional outbox. `emitEvent(tx, …)` is called inside the transaction of the change it
// describes, so the event exists if and only if the change committed. In the same transaction it
// fans out: one delivery per enabled endpoint that wants the event, one notification per
// recipient. Each is one INSERT … SELECT, so a burst of events never runs a transaction long,
// and the unique keys make every delivery and notification exist at most once.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { randomBase62 } from '@/lib/domain/random-base62';
import {
  eventEnvelope,
  OPT_IN_EVENTS,
  SLACK_EVENTS,
  type EventData,
  type EventType,
  type NotificationKind,
  type WebhookEventType,
} from '@/lib/domain/webhooks/events';
import type { Role } from '@/lib/authz-rules';
import type { Tx } from './audit';

export const WEBHOOK_CHANNEL = 'galley_webhooks';

/** Who gets an inbox item. The actor never notifies themselves. */
export type Recipients = { users: string[] } | { followersOf: string } | { roles: Role[] };

export interface EmitInput {
  workspaceId: string;
  type: EventType;
  actorId: string | null;
  data: Omit<EventData, 'workspace' | 'actor'>;
  notify?: { kind: NotificationKind; title: string; link: string; to: Recipients };
  /** Deliver to this endpoint only (the "Send a test event" button), whatever it subscribes to. */
  onlyEndpointId?: string;
}

export const newEventId = () => `evt_${randomBase62(24, randomBytes)}`;

/**
 * Writes the event, its deliveries and its notifications inside `tx`. Returns the event id, or
 * null for an opt-in event nobody asked for (nothing is written then). Call it from any
 * `lib/data` mutator, after the change and before the transaction commits.
 */
export async function emitEvent(tx: Tx, input: EmitInput): Promise<string | null> {
  const optIn = OPT_IN_EVENTS.includes(input.type as WebhookEventType);
  if (optIn && !input.notify) {
    const wanted = await tx.$queryRaw<{ n: number }[]>`
      SELECT 1 AS n FROM "WebhookEndpoint"
      WHERE "workspaceId" = ${input.workspaceId} AND enabled AND ${input.type} = ANY(events) LIMIT 1`;
    if (!wanted.length) return null;
  }
  const [who] = await tx.$queryRaw<{ slug: string; name: string | null }[]>`
    SELECT w.slug, (SELECT COALESCE(u.name, u.email) FROM "User" u WHERE u.id = ${input.actorId}) AS name
    FROM "Workspace" w WHERE w.id = ${input.workspaceId}`;
  if (!who) return null;
  const id = newEventId();
  const createdAt = new Date();
  const data: EventData = {
    workspace: { id: input.workspaceId, slug: who.slug },
    actor: input.actorId ? { id: input.actorId, name: who.name ?? 'unknown' } : null,
    ...input.data,
  };
  const payload = JSON.stringify(eventEnvelope(id, input.type, createdAt, data));
  await tx.$executeRaw`
    INSERT INTO "OutboxEvent" (id, "workspaceId", type, payload, "createdAt")
    VALUES (${id}, ${input.workspaceId}, ${input.type}, ${payload}::jsonb, ${createdAt})`;
  const slackOk = SLACK_EVENTS.includes(input.type as WebhookEventType) || input.type === 'webhook.test';
  const delivered = input.onlyEndpointId
    ? await tx.$executeRaw`
        INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId")
        SELECT gen_random_uuid()::text, e.id, ${id} FROM "WebhookEndpoint" e
        WHERE e.id = ${input.onlyEndpointId} AND e."workspaceId" = ${input.workspaceId}`
    : await tx.$executeRaw`
        INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId")
        SELECT gen_random_uuid()::text, e.id, ${id} FROM "WebhookEndpoint" e
        WHERE e."workspaceId" = ${input.workspaceId} AND e.enabled AND ${input.type} = ANY(e.events)
          AND (e.format = 'standard' OR ${slackOk})`;
  if (input.notify) await notify(tx, id, input);
  // Delivered at commit, to every instance listening (this one included); never if it rolls back.
  if (delivered > 0) await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${id})`;
  return id;
}

async function notify(tx: Tx, eventId: string, input: EmitInput): Promise<void> {
  const n = input.notify!;
  const actor = input.actorId ?? '';
  const recipients =
    'users' in n.to
      ? tx.$queryRaw<{ userId: string }[]>`
          SELECT m."userId" FROM "Membership" m
          WHERE m."workspaceId" = ${input.workspaceId} AND m."userId" = ANY(${n.to.users}::text[])`
      : 'followersOf' in n.to
        ? tx.$queryRaw<{ userId: string }[]>`
            SELECT f."userId" FROM "PromptFollow" f
            JOIN "Membership" m ON m."userId" = f."userId" AND m."workspaceId" = ${input.workspaceId}
            WHERE f."promptId" = ${n.to.followersOf}`
        : tx.$queryRaw<{ userId: string }[]>`
            SELECT m."userId" FROM "Membership" m JOIN "User" u ON u.id = m."userId"
            WHERE m."workspaceId" = ${input.workspaceId} AND m.role::text = ANY(${n.to.roles}::text[]) AND NOT u."isService"`;
  const ids = [...new Set((await recipients).map((r) => r.userId))].filter((u) => u !== actor);
  if (!ids.length) return;
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "userId", "workspaceId", "eventId", kind, title, link)
    SELECT gen_random_uuid()::text, u, ${input.workspaceId}, ${eventId}, ${n.kind}, ${n.title}, ${n.link}
    FROM unnest(${ids}::text[]) AS u
    ON CONFLICT ("userId", "eventId") DO NOTHING`;
}
