import type { Metadata } from 'next';
import { WebhooksPanel } from '@/components/webhooks/webhooks-panel';
import { can } from '@/lib/authz';
import { listWebhookEndpoints } from '@/lib/data/webhook-endpoints';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/settings/webhooks`);
  const endpoints = can(ctx.role, 'webhook.manage') ? await listWebhookEndpoints(ctx) : null;
  const disabled = endpoints?.filter((e) => e.disabledReason && !e.enabled && e.disabledReason !== 'Disabled by an admin') ?? [];
  return (
    <main className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-stone-600">
          Signed HTTP requests (Standard Webhooks) when releases, reviews and prompts change. Failed requests are retried for about a day.
        </p>
      </div>
      {disabled.length > 0 && (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {disabled.length} endpoint{disabled.length > 1 ? 's were' : ' was'} disabled after failing repeatedly. Fix the receiver, then
          enable it.
        </div>
      )}
      {endpoints ? (
        <WebhooksPanel
          workspace={ctx.workspaceSlug}
          endpoints={endpoints.map(({ id, url, events, format, enabled, disabledReason }) => ({
            id,
            url,
            events,
            format,
            enabled,
            disabledReason,
          }))}
        />
      ) : (
        <p className="text-sm text-stone-600">Only admins can see and manage webhooks.</p>
      )}
    </main>
  );
}
