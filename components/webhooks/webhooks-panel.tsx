'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { createWebhook } from '@/lib/actions/webhooks';
import { OPT_IN_EVENTS, WEBHOOK_EVENTS, type WebhookEventType, type WebhookFormat } from '@/lib/domain/webhooks/events';

export interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  format: WebhookFormat;
  enabled: boolean;
  disabledReason: string | null;
}

export function WebhooksPanel({ workspace, endpoints }: { workspace: string; endpoints: EndpointRow[] }) {
  const [secret, setSecret] = useState<string | null>(null);
  const base = `/w/${workspace}/settings/webhooks`;
  return (
    <div className="space-y-4">
      {secret && (
        <CopyOnceBox
          region="New webhook secret"
          inputLabel="Signing secret"
          value={secret}
          testId="webhook-secret"
          onDone={() => setSecret(null)}
        >
          Endpoint created. Copy its signing secret now; it will not be shown again.
        </CopyOnceBox>
      )}
      {endpoints.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
          No endpoints yet.
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 overflow-hidden rounded-xl border border-stone-200 bg-white text-sm">
          {endpoints.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-2 px-4 py-3" data-testid="webhook-endpoint">
              <Link href={`${base}/${e.id}`} className="font-mono text-xs hover:underline">
                {e.url}
              </Link>
              {e.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="red">disabled</Badge>}
              {e.format === 'slack' && <Badge>slack</Badge>}
              <span className="text-xs text-stone-500">{e.events.join(', ')}</span>
              {e.disabledReason && <span className="w-full text-xs text-red-700">{e.disabledReason}</span>}
            </li>
          ))}
        </ul>
      )}
      <CreateEndpointForm workspace={workspace} onCreated={setSecret} />
    </div>
  );
}

function CreateEndpointForm({ workspace, onCreated }: { workspace: string; onCreated: (secret: string) => void }) {
  const [events, setEvents] = useState<WebhookEventType[]>(['release.published']);
  const [format, setFormat] = useState<WebhookFormat>('standard');
  const action = useAction(createWebhook);
  const error = Object.keys(action.fieldErrors).length ? null : action.error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const url = String(new FormData(form).get('url') ?? '');
    const res = await action.run({ workspace, url, description: '', events, format });
    if (!res.ok) return;
    form.reset();
    onCreated(res.data.secret);
  }

  const toggle = (ev: WebhookEventType) => setEvents((cur) => (cur.includes(ev) ? cur.filter((x) => x !== ev) : [...cur, ev]));
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <h3 className="font-medium">Add an endpoint</h3>
      <FormError message={error} />
      <TextField label="Endpoint URL" name="url" placeholder="https://example.com/hooks/galley" error={action.fieldErrors.url} required />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-stone-800">Events</legend>
        <div className="flex flex-wrap gap-3">
          {WEBHOOK_EVENTS.map((ev) => (
            <label key={ev} className="flex items-center gap-1.5">
              <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} />
              <span className="font-mono text-xs">{ev}</span>
              {OPT_IN_EVENTS.includes(ev) && <span className="text-xs text-stone-500">(every save)</span>}
            </label>
          ))}
        </div>
        {action.fieldErrors.events && <p className="text-xs text-red-700">{action.fieldErrors.events[0]}</p>}
      </fieldset>
      <label className="block space-y-1 text-sm font-medium text-stone-800">
        <span className="block">Payload</span>
        <select
          value={format}
          onChange={(e) => setFormat(e.target.value as WebhookFormat)}
          className="rounded-md border border-stone-300 bg-white px-2 py-2 text-sm font-normal"
        >
          <option value="standard">Galley JSON (Standard Webhooks)</option>
          <option value="slack">Slack incoming webhook (text; release.published and review.requested)</option>
        </select>
      </label>
      <Button type="submit" disabled={action.pending}>
        {action.pending ? 'Adding…' : 'Add endpoint'}
      </Button>
    </form>
  );
}
