'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createProvider, deleteProvider, updateProvider } from '@/lib/actions/providers';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';

export interface ProviderRow {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  hasApiKey: boolean;
}

const SHOWN_FIELDS = ['name', 'baseUrl', 'model', 'apiKey'];

/** Model providers of the workspace. The API key is write-only: the page only learns whether one is set. */
export function ProvidersPanel({ workspace, providers }: { workspace: string; providers: ProviderRow[] }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {providers.length === 0 ? (
        <p className="text-sm text-stone-600">No model providers yet. Add one to run test cases that check a model&apos;s answer.</p>
      ) : (
        <ul aria-label="Model providers" className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
          {providers.map((p) => (
            <li key={p.id} className="space-y-2 px-4 py-3">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium text-stone-900">{p.name}</span>
                <span className="text-stone-600">{p.model}</span>
                <span className="font-mono text-xs text-stone-500">{p.baseUrl}</span>
                {p.hasApiKey ? <Badge tone="green">key set</Badge> : <Badge>no key</Badge>}
                <Button variant="ghost" size="sm" className="ml-auto" onClick={() => setEditing(editing === p.id ? null : p.id)}>
                  {editing === p.id ? 'Close' : 'Edit'}
                </Button>
              </div>
              {editing === p.id && <ProviderForm workspace={workspace} provider={p} onDone={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      )}
      <div className="rounded-xl border border-stone-200 bg-white p-4">
        <h3 className="mb-2 font-medium text-stone-900">Add a provider</h3>
        <ProviderForm workspace={workspace} />
      </div>
    </div>
  );
}

function ProviderForm({ workspace, provider, onDone }: { workspace: string; provider?: ProviderRow; onDone?: () => void }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [removeKey, setRemoveKey] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const typedKey = String(form.get('apiKey') ?? '');
    const fields = { workspace, name: String(form.get('name') ?? ''), baseUrl: String(form.get('baseUrl') ?? ''), model: String(form.get('model') ?? '') };
    setPending(true);
    // Editing: an empty key field keeps the stored key unless "remove" is ticked.
    const res = provider
      ? await updateProvider({ ...fields, providerId: provider.id, apiKey: removeKey ? null : typedKey || undefined })
      : await createProvider({ ...fields, apiKey: typedKey || null });
    setPending(false);
    if (!res.ok) {
      const shown = res.fieldErrors ?? {};
      setFieldErrors(shown);
      setError(SHOWN_FIELDS.some((f) => shown[f]) ? null : res.error.message);
      return;
    }
    setFieldErrors({});
    setError(null);
    if (!provider) formEl.reset();
    onDone?.();
    router.refresh();
  }

  async function onDelete() {
    if (!provider || !window.confirm(`Delete the provider "${provider.name}"? Past runs keep their results.`)) return;
    setPending(true);
    const res = await deleteProvider({ workspace, providerId: provider.id });
    setPending(false);
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} aria-label={provider ? `Edit provider ${provider.name}` : 'Add a provider'} className="grid gap-3 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2">
        <FormError message={error} />
      </div>
      <TextField label="Provider name" name="name" defaultValue={provider?.name} maxLength={80} error={fieldErrors.name} />
      <TextField label="Model" name="model" defaultValue={provider?.model} placeholder="gpt-4o-mini" maxLength={200} error={fieldErrors.model} />
      <TextField label="Base URL" name="baseUrl" defaultValue={provider?.baseUrl} placeholder="https://api.openai.com/v1" error={fieldErrors.baseUrl} />
      <TextField
        label="API key"
        name="apiKey"
        type="password"
        autoComplete="off"
        placeholder={provider?.hasApiKey ? 'Key set; type to replace it' : 'Optional'}
        error={fieldErrors.apiKey}
        hint="Stored encrypted; never shown again."
      />
      <div className="flex items-center gap-2 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {provider ? 'Save provider' : 'Add provider'}
        </Button>
        {provider?.hasApiKey && (
          <label className="flex items-center gap-1 text-sm text-stone-700">
            <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} /> Remove the stored key
          </label>
        )}
        {provider && (
          <Button variant="danger" onClick={onDelete} disabled={pending} className="ml-auto">
            Delete provider
          </Button>
        )}
      </div>
    </form>
  );
}
