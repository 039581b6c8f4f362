// The process's dispatcher: started with the server (lib/startup.ts), stopped on shutdown.
import 'server-only';
import { database } from '@/lib/data/db';
import { countPendingDeliveries } from '@/lib/data/webhook-dispatch';
import { env } from '@/lib/env';
import { logger } from '@/lib/log';
import { peekSingleton, setSingleton } from '@/lib/singleton';
import { startDispatcher, type Dispatcher } from './dispatcher';

export async function startWebhookService(): Promise<void> {
  const db = await database();
  setSingleton('WebhookPendingCount', () => countPendingDeliveries(db));
  if (env.GALLEY_WEBHOOK_DISPATCH !== 'true' || peekSingleton('WebhookDispatcher')) return;
  const dispatcher = await startDispatcher({
    database: db,
    timeoutMs: env.GALLEY_WEBHOOK_TIMEOUT_MS,
    retryBaseMs: env.GALLEY_WEBHOOK_RETRY_BASE_MS,
    retentionMs: env.GALLEY_WEBHOOK_RETENTION_DAYS * 86_400_000,
    log: logger(),
  });
  setSingleton('WebhookDispatcher', dispatcher);
}

export async function stopWebhookService(): Promise<void> {
  const dispatcher = peekSingleton<Dispatcher>('WebhookDispatcher');
  setSingleton('WebhookDispatcher', undefined);
  await dispatcher?.stop();
}
