// Delivers the outbox. It claims batches (lib/data/webhook-dispatch.ts), starts every send
// without awaiting the batch, and claims again as soon as a send frees a slot, a NOTIFY says a
// delivery was committed, or the poll timer fires. No transaction is open while a request is in
// flight, and a slow endpoint holds at most `perEndpoint` of this instance's slots, so it never
// holds up the others. Several instances share one PostgreSQL: the lease keeps each delivery
// with one of them at a time.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/data/db';
import {
  claimDeliveries,
  finishDelivery,
  pruneOutbox,
  releaseDeliveries,
  WEBHOOK_CHANNEL,
  type ClaimedDelivery,
} from '@/lib/data/webhook-dispatch';
import { slackText, type EventEnvelope, type EventType } from '@/lib/domain/webhooks/events';
import { retryDelayMs } from '@/lib/domain/webhooks/retry';
import { signedHeaders, signingSecrets } from '@/lib/domain/webhooks/signing';
import { countWebhookOutcome } from '@/lib/metrics';
import { sendWebhook } from './send';

export interface DispatcherOptions {
  database: Database;
  timeoutMs: number;
  retryBaseMs: number;
  concurrency?: number;
  perEndpoint?: number;
  pollMs?: number;
  /** How long a claim is exclusive; longer than any request can take. */
  leaseMs?: number;
  /** Finished deliveries and spent events older than this are pruned (default 30 days). */
  retentionMs?: number;
  /** How often to prune (default hourly; the first run is at start). */
  pruneEveryMs?: number;
  log?: { warn(o: object, msg: string): void; debug?(o: object, msg: string): void };
  random?: () => number;
}

export interface Dispatcher {
  wake(): void;
  stop(): Promise<void>;
  /** Sends in flight now (tests, shutdown). */
  inFlight(): number;
}

export function requestBody(d: Pick<ClaimedDelivery, 'format' | 'type' | 'payload'>): string {
  if (d.format !== 'slack') return d.payload;
  const envelope = JSON.parse(d.payload) as EventEnvelope;
  return JSON.stringify({ text: slackText(d.type as EventType, envelope.data) ?? `${d.type} in ${envelope.data.workspace.slug}` });
}

export async function startDispatcher(opts: DispatcherOptions): Promise<Dispatcher> {
  const { database, timeoutMs, retryBaseMs } = opts;
  const concurrency = opts.concurrency ?? 32;
  const perEndpoint = opts.perEndpoint ?? 4;
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? Math.max(60_000, timeoutMs * 3);
  const random = opts.random ?? Math.random;
  const retentionMs = opts.retentionMs ?? 30 * 86_400_000;
  const pruneEveryMs = opts.pruneEveryMs ?? 3_600_000;
  const leaseId = randomUUID();
  const abort = new AbortController();
  const running = new Set<Promise<void>>();
  const byEndpoint = new Map<string, number>();
  let stopped = false;
  let woken = false;
  let wakeUp: (() => void) | undefined;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pollMs);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wakeUp = undefined));

  async function deliver(d: ClaimedDelivery): Promise<void> {
    const body = requestBody(d);
    const now = new Date();
    const headers = signedHeaders(signingSecrets(d, now), d.eventId, Math.floor(now.getTime() / 1000), body);
    const result = await sendWebhook({ url: d.url, headers, body, timeoutMs, signal: abort.signal });
    // Cut short by shutdown: not the receiver's failure. Hand it back for another instance or the next start.
    if (stopped && !result.ok && abort.signal.aborted) return releaseDeliveries(database, [d.id], leaseId);
    const retryIn = result.ok ? null : retryDelayMs(d.attempts + 1, retryBaseMs, random);
    const { finished, outcome } = await finishDelivery(database, d, leaseId, { ...result, requestBody: body, startedAt: now }, retryIn);
    if (finished) countWebhookOutcome(outcome);
  }

  function start(d: ClaimedDelivery) {
    byEndpoint.set(d.endpointId, (byEndpoint.get(d.endpointId) ?? 0) + 1);
    const p: Promise<void> = deliver(d)
      .catch((e: unknown) => opts.log?.warn({ err: e, delivery: d.id }, 'webhook delivery could not be recorded'))
      .finally(() => {
        running.delete(p);
        const left = (byEndpoint.get(d.endpointId) ?? 1) - 1;
        if (left) byEndpoint.set(d.endpointId, left);
        else byEndpoint.delete(d.endpointId);
        wake();
      });
    running.add(p);
  }

  async function claimOnce(): Promise<boolean> {
    const free = concurrency - running.size;
    if (free <= 0) return false;
    const claimed = await claimDeliveries(database, { limit: free, perEndpoint, leaseId, leaseMs, inFlight: byEndpoint });
    for (const d of claimed) start(d);
    // A full batch may mean more is waiting: claim again at once rather than sleep.
    return claimed.length === free;
  }

  async function loop() {
    while (!stopped) {
      woken = false;
      let more = false;
      try {
        more = await claimOnce();
      } catch (e) {
        if (!stopped) opts.log?.warn({ err: e }, 'webhook claim failed; retrying');
      }
      if (!stopped && !more && !woken) await sleep();
    }
  }

  let pruning: Promise<unknown> = Promise.resolve();
  const prune = () => {
    pruning = pruneOutbox(database, new Date(Date.now() - retentionMs)).then(
      (n) => (n.deliveries || n.events) && opts.log?.debug?.(n, 'webhook outbox pruned'),
      (e: unknown) => opts.log?.warn({ err: e }, 'webhook outbox prune failed'),
    );
  };
  prune();
  const pruneTimer = setInterval(prune, pruneEveryMs);
  pruneTimer.unref();

  const unlisten = await database.listen(WEBHOOK_CHANNEL, wake).catch(() => async () => {});
  const looping = loop();
  return {
    wake,
    inFlight: () => running.size,
    async stop() {
      stopped = true;
      clearInterval(pruneTimer);
      wake();
      abort.abort();
      await looping;
      await Promise.allSettled([...running, pruning]);
      await unlisten();
    },
  };
}
