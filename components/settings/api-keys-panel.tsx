'use client';

import { useState, type FormEvent } from 'react';
import { createApiKey, revokeApiKey } from '@/lib/actions/api-keys';
import { RelativeTime } from '@/components/history/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { API_KEY_ENVIRONMENTS, type ApiKeyEnvironment } from '@/lib/domain/api-key';
import { MomentOrNever, RevokeControl, type Moment } from './credential-parts';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  environment: ApiKeyEnvironment;
  createdAt: Moment;
  createdBy: string;
  lastUsedAt: Moment | null;
  revokedAt: Moment | null;
}

const ENV_TONE = { development: 'neutral', staging: 'amber', production: 'indigo' } as const;

export function ApiKeysPanel({ workspace, keys }: { workspace: string; keys: ApiKeyRow[] }) {
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  return (
    <div className="space-y-4">
      {created && <NewKeyBox name={created.name} apiKey={created.key} onDone={() => setCreated(null)} />}
      <ApiKeyTable workspace={workspace} keys={keys} />
      <CreateApiKeyForm workspace={workspace} onCreated={setCreated} />
    </div>
  );
}

function NewKeyBox({ name, apiKey, onDone }: { name: string; apiKey: string; onDone: () => void }) {
  return (
    <CopyOnceBox region="New API key" inputLabel="API key" value={apiKey} testId="new-api-key" onDone={onDone}>
      Key “{name}” created. Copy this key now; it will not be shown again.
    </CopyOnceBox>
  );
}

function ApiKeyTable({ workspace, keys }: { workspace: string; keys: ApiKeyRow[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const { run, pending, error } = useAction(revokeApiKey, { onSuccess: () => setConfirming(null) });

  if (keys.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
        No API keys yet. Applications need one to read prompts over the API.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <table className="w-full overflow-hidden rounded-xl border border-stone-200 bg-white text-sm">
        <thead className="bg-stone-50 text-left text-stone-600">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Key</th>
            <th className="px-4 py-2 font-medium">Created</th>
            <th className="px-4 py-2 font-medium">Last used</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {keys.map((k) => (
            <tr key={k.id} data-testid={`api-key-${k.prefix}`} className={k.revokedAt ? 'text-stone-500' : undefined}>
              <td className="px-4 py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{k.name}</span>
                  <Badge tone={ENV_TONE[k.environment]}>{k.environment}</Badge>
                </div>
              </td>
              <td className="px-4 py-2 font-mono text-xs">{k.prefix}…</td>
              <td className="px-4 py-2 text-xs">
                <RelativeTime iso={k.createdAt.iso} absolute={k.createdAt.absolute} />{' '}
                <span className="text-stone-500">by {k.createdBy}</span>
              </td>
              <td className="px-4 py-2 text-xs">
                <MomentOrNever at={k.lastUsedAt} />
              </td>
              <td className="px-4 py-2 text-right">
                {k.revokedAt ? (
                  <Badge tone="red" title={`Revoked ${k.revokedAt.absolute}`}>
                    revoked
                  </Badge>
                ) : (
                  <RevokeControl
                    name={k.name}
                    what="key"
                    confirming={confirming === k.id}
                    pending={pending}
                    onAsk={() => setConfirming(k.id)}
                    onCancel={() => setConfirming(null)}
                    onRevoke={() => run({ workspace, keyId: k.id })}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateApiKeyForm({ workspace, onCreated }: { workspace: string; onCreated: (created: { name: string; key: string }) => void }) {
  const [environment, setEnvironment] = useState<ApiKeyEnvironment>('production');
  const action = useAction(createApiKey);
  const { pending, fieldErrors } = action;
  // A message already shown beside its field is not repeated above the form.
  const error = Object.keys(fieldErrors).length ? null : action.error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    const res = await action.run({ workspace, name, environment });
    if (!res.ok) return;
    form.reset();
    onCreated({ name: name.trim(), key: res.data.key });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <h3 className="font-medium">Create an API key</h3>
      <FormError message={error} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Key name" name="name" placeholder="e.g. Checkout service" maxLength={80} error={fieldErrors.name} required />
        </div>
        <label className="space-y-1 text-sm font-medium text-stone-800">
          <span className="block">Environment</span>
          <select
            name="environment"
            value={environment}
            onChange={(e) => setEnvironment(e.target.value as ApiKeyEnvironment)}
            className="rounded-md border border-stone-300 bg-white px-2 py-2 text-sm font-normal"
          >
            {API_KEY_ENVIRONMENTS.map((env) => (
              <option key={env} value={env}>
                {env}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
      <p className="text-xs text-stone-500">
        A development key reads the draft, a staging key the staged revision and releases, a production key releases only.
      </p>
    </form>
  );
}
