// The events Galley sends and the inbox kinds it writes. Payloads are versioned JSON, small
// enough to log: they name the objects and link to them, they never carry prompt content.

export const WEBHOOK_EVENTS = [
  'release.published',
  'release.rolled_back',
  'canary.changed',
  'staging.pinned',
  'review.requested',
  'review.decided',
  'prompt.created',
  'draft.saved',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent only to endpoints that ask for them by name (a busy editor saves every second). */
export const OPT_IN_EVENTS: readonly WebhookEventType[] = ['draft.saved'];

/** Events no endpoint receives: they exist for the inbox (and the test button) only. */
export const INTERNAL_EVENTS = ['webhook.endpoint_disabled', 'release.schedule_cancelled', 'webhook.test'] as const;
export type InternalEventType = (typeof INTERNAL_EVENTS)[number];
export type EventType = WebhookEventType | InternalEventType;

export const NOTIFICATION_KINDS = [
  'review.requested',
  'review.decided',
  'release.published',
  'webhook.endpoint_disabled',
  'release.schedule_cancelled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The formats an endpoint can receive; slack only carries the events it can phrase. */
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const SLACK_EVENTS: readonly WebhookEventType[] = ['release.published', 'review.requested'];

export const PAYLOAD_VERSION = 1;

export interface EventData {
  workspace: { id: string; slug: string };
  actor: { id: string; name: string } | null;
  prompt?: { id: string; slug: string; name?: string };
  release?: { id?: string; version: number };
  revision?: { id?: string; number: number };
  review?: { id: string; title?: string; decision?: string };
  /** Anything else worth naming (from/to versions, canary percent, endpoint…). */
  details?: Record<string, string | number | boolean | null>;
  /** Absolute or workspace-relative link to the object. */
  link?: string;
}

/** The JSON body a standard endpoint receives. */
export function eventEnvelope(id: string, type: EventType, createdAt: Date, data: EventData) {
  return { id, type, version: PAYLOAD_VERSION, timestamp: createdAt.toISOString(), data };
}
export type EventEnvelope = ReturnType<typeof eventEnvelope>;

/** A Slack incoming-webhook body (`{ text }`), or null for an event Slack is not sent. */
export function slackText(type: EventType, data: EventData): string | null {
  const who = data.actor?.name ?? 'Someone';
  const prompt = data.prompt ? `*${data.prompt.name ?? data.prompt.slug}*` : 'a prompt';
  if (type === 'release.published') return `${who} published ${prompt} v${data.release?.version ?? '?'} in ${data.workspace.slug}`;
  if (type === 'review.requested')
    return `${who} requested review of ${prompt} r${data.revision?.number ?? '?'} in ${data.workspace.slug}: ${data.review?.title ?? ''}`.trim();
  if (type === 'webhook.test') return `Galley test event from ${data.workspace.slug}`;
  return null;
}

/** Whether an endpoint subscribed to `events` receives `type` in `format`. */
export function endpointWants(events: readonly string[], format: WebhookFormat, type: EventType): boolean {
  if (type === 'webhook.test') return true;
  if (!events.includes(type)) return false;
  return format === 'standard' || SLACK_EVENTS.includes(type as WebhookEventType);
}
