// A child process for webhooks-crash.test.ts: `publish <receiverUrl>` creates a workspace,
// an endpoint and publishes with the dispatcher running, prints a line, then waits to be
// killed; `dispatch` only runs the dispatcher. Both open GALLEY_DATA_DIR or DATABASE_URL.
import { database } from '@/lib/data/db';
import { publish } from '@/lib/data/publish';
import { createWebhookEndpoint } from '@/lib/data/webhook-endpoints';
import { startDispatcher } from '@/lib/webhooks/dispatcher';
import { newTenant, promptWithSaves } from './helpers';

const [mode, url] = process.argv.slice(2);
const dispatcher = await startDispatcher({ database: await database(), timeoutMs: 5000, retryBaseMs: 100, pollMs: 200, leaseMs: 8000 });
if (mode === 'publish') {
  const ctx = await newTenant();
  const { id, secret } = await createWebhookEndpoint(ctx, {
    url: url!,
    description: '',
    events: ['release.published'],
    format: 'standard',
  });
  const p = await promptWithSaves(ctx, 'Crash', ['before the crash']);
  await publish(ctx, { promptId: p.promptId, revisionId: p.headId, note: '' });
  console.log(JSON.stringify({ committed: true, endpointId: id, secret }));
}
setInterval(() => void dispatcher, 60_000);
