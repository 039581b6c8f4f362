import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeliveryLog } from '@/components/webhooks/delivery-log';
import { EndpointControls } from '@/components/webhooks/endpoint-controls';
import { Badge } from '@/components/ui/badge';
import { can } from '@/lib/authz';
import { getWebhookEndpoint } from '@/lib/data/webhook-endpoints';
import { listDeliveries } from '@/lib/data/webhook-log';
import { formatUtc } from '@/lib/domain/history';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Webhook endpoint' };

export default async function EndpointPage({ params }: { params: Promise<{ workspace: string; endpoint: string }> }) {
  const { workspace, endpoint: endpointId } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/settings/webhooks/${endpointId}`);
  if (!can(ctx.role, 'webhook.manage')) notFound();
  const [endpoint, deliveries] = await Promise.all([getWebhookEndpoint(ctx, endpointId), listDeliveries(ctx, endpointId)]);
  if (!endpoint) notFound();
  return (
    <main className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href={`/w/${ctx.workspaceSlug}/settings/webhooks`} className="hover:underline">
          Webhooks
        </Link>
      </nav>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="font-mono text-lg font-semibold">{endpoint.url}</h1>
        {endpoint.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="red">disabled</Badge>}
        {endpoint.rotating && <Badge tone="amber">rotating: two signatures</Badge>}
      </div>
      {!endpoint.enabled && endpoint.disabledReason && (
        <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {endpoint.disabledReason}
        </div>
      )}
      <p className="text-sm text-stone-600">Events: {endpoint.events.join(', ')}</p>
      <EndpointControls workspace={ctx.workspaceSlug} endpointId={endpoint.id} enabled={endpoint.enabled} />
      <h2 className="text-lg font-semibold">Delivery log</h2>
      <DeliveryLog
        workspace={ctx.workspaceSlug}
        deliveries={deliveries.map((d) => ({
          ...d,
          nextAttemptAt: d.nextAttemptAt && formatUtc(d.nextAttemptAt),
          createdAt: formatUtc(d.createdAt),
          log: d.log.map((a) => ({ ...a, startedAt: formatUtc(a.startedAt) })),
        }))}
      />
    </main>
  );
}
