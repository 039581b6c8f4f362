'use client';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { redeliverWebhook } from '@/lib/actions/webhooks';

export interface DeliveryRow {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  log: {
    number: number;
    startedAt: string;
    latencyMs: number;
    responseStatus: number | null;
    error: string | null;
    requestBody: string;
    responseBody: string;
  }[];
}

const TONE = { delivered: 'green', pending: 'amber', failed: 'red' } as const;

export function DeliveryLog({ workspace, deliveries }: { workspace: string; deliveries: DeliveryRow[] }) {
  const { run, pending, error } = useAction(redeliverWebhook);
  if (!deliveries.length)
    return (
      <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">No deliveries yet.</p>
    );
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <ul className="space-y-2">
        {deliveries.map((d) => (
          <li key={d.id} data-testid="delivery" data-status={d.status} className="rounded-xl border border-stone-200 bg-white p-3 text-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs">{d.type}</span>
              <Badge tone={TONE[d.status as keyof typeof TONE] ?? 'neutral'}>{d.status}</Badge>
              <span className="text-xs text-stone-600">
                {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                {d.lastStatus !== null && ` · HTTP ${d.lastStatus}`}
                {d.nextAttemptAt && ` · next retry ${d.nextAttemptAt}`}
              </span>
              <span className="font-mono text-xs text-stone-500">{d.eventId}</span>
              <Button
                size="sm"
                variant="secondary"
                className="ml-auto"
                disabled={pending}
                onClick={() => run({ workspace, deliveryId: d.id })}
              >
                Redeliver
              </Button>
            </div>
            {d.lastError && <p className="mt-1 text-xs text-red-700">{d.lastError}</p>}
            <details className="mt-2">
              <summary className="cursor-pointer text-xs text-stone-600">Attempts and bodies</summary>
              <ol className="mt-2 space-y-2">
                {d.log.map((a) => (
                  <li key={a.number} data-testid="attempt" className="rounded border border-stone-100 p-2 text-xs">
                    <div>
                      #{a.number} · {a.startedAt} · {a.latencyMs} ms ·{' '}
                      {a.responseStatus === null ? 'no answer' : `HTTP ${a.responseStatus}`}
                      {a.error && ` · ${a.error}`}
                    </div>
                    <pre className="mt-1 overflow-x-auto whitespace-pre-wrap bg-stone-50 p-1">{a.requestBody}</pre>
                    {a.responseBody && <pre className="mt-1 overflow-x-auto whitespace-pre-wrap bg-stone-50 p-1">{a.responseBody}</pre>}
                  </li>
                ))}
              </ol>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
