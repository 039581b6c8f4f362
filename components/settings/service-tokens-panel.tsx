'use client';

import { useState, type FormEvent } from 'react';
import { createServiceToken, revokeServiceToken } from '@/lib/actions/service-tokens';
import { RelativeTime } from '@/components/history/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { SERVICE_TOKEN_EXPIRY_DAYS, SERVICE_TOKEN_ROLES, type ServiceTokenRole, type ServiceTokenStatus } from '@/lib/domain/service-token';
import { MomentOrNever, RevokeControl, type Moment } from './credential-parts';

export interface ServiceTokenRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  status: ServiceTokenStatus;
  createdAt: Moment;
  createdBy: string;
  expiresAt: Moment | null;
  lastUsedAt: Moment | null;
}

const STATUS_TONE = { active: 'green', revoked: 'red', expired: 'amber' } as const;

export function ServiceTokensPanel({ workspace, serviceTokens: tokens }: { workspace: string; serviceTokens: ServiceTokenRow[] }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  return (
    <div className="space-y-4">
      {created && (
        <CopyOnceBox
          region="New service token"
          inputLabel="Service token"
          value={created.token}
          testId="new-service-token"
          onDone={() => setCreated(null)}
        >
          Token “{created.name}” created. Copy it now; it will not be shown again.
        </CopyOnceBox>
      )}
      <TokenTable workspace={workspace} tokens={tokens} />
      <CreateTokenForm workspace={workspace} onCreated={setCreated} />
    </div>
  );
}

function TokenTable({ workspace, tokens }: { workspace: string; tokens: ServiceTokenRow[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const { run, pending, error } = useAction(revokeServiceToken, { onSuccess: () => setConfirming(null) });
  if (tokens.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-600">
        No service tokens yet. The CLI and CI jobs need one to change prompts over the API.
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
            <th className="px-4 py-2 font-medium">Token</th>
            <th className="px-4 py-2 font-medium">Expires</th>
            <th className="px-4 py-2 font-medium">Last used</th>
            <th className="px-4 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {tokens.map((t) => (
            <tr key={t.id} data-testid={`service-token-${t.prefix}`} className={t.status === 'active' ? undefined : 'text-stone-500'}>
              <td className="px-4 py-2">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{t.name}</span>
                  <Badge tone="indigo">{t.role}</Badge>
                </div>
                <div className="text-xs text-stone-500">
                  created <RelativeTime iso={t.createdAt.iso} absolute={t.createdAt.absolute} /> by {t.createdBy}
                </div>
              </td>
              <td className="px-4 py-2 font-mono text-xs">{t.prefix}…</td>
              <td className="px-4 py-2 text-xs">
                <MomentOrNever at={t.expiresAt} />
              </td>
              <td className="px-4 py-2 text-xs">
                <MomentOrNever at={t.lastUsedAt} />
              </td>
              <td className="px-4 py-2 text-right">
                {t.status !== 'active' ? (
                  <Badge tone={STATUS_TONE[t.status]}>{t.status}</Badge>
                ) : (
                  <RevokeControl
                    name={t.name}
                    what="token"
                    confirming={confirming === t.id}
                    pending={pending}
                    onAsk={() => setConfirming(t.id)}
                    onCancel={() => setConfirming(null)}
                    onRevoke={() => run({ workspace, tokenId: t.id })}
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

function CreateTokenForm({ workspace, onCreated }: { workspace: string; onCreated: (created: { name: string; token: string }) => void }) {
  const [role, setRole] = useState<ServiceTokenRole>('editor');
  const [expiry, setExpiry] = useState<string>('90');
  const action = useAction(createServiceToken);
  const { pending, fieldErrors } = action;
  const error = Object.keys(fieldErrors).length ? null : action.error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get('name') ?? '');
    const res = await action.run({ workspace, name, role, expiresInDays: expiry === 'never' ? null : Number(expiry) });
    if (!res.ok) return;
    form.reset();
    onCreated({ name: name.trim(), token: res.data.token });
  }

  const select = 'rounded-md border border-stone-300 bg-white px-2 py-2 text-sm font-normal';
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <h3 className="font-medium">Create a service token</h3>
      <FormError message={error} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Token name" name="name" placeholder="e.g. CI deploy" maxLength={80} error={fieldErrors.name} required />
        </div>
        <label className="space-y-1 text-sm font-medium text-stone-800">
          <span className="block">Role</span>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as ServiceTokenRole)} className={select}>
            {SERVICE_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="space-y-1 text-sm font-medium text-stone-800">
          <span className="block">Expires</span>
          <select name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)} className={select}>
            {SERVICE_TOKEN_EXPIRY_DAYS.map((d) => (
              <option key={d} value={String(d)}>
                in {d} days
              </option>
            ))}
            <option value="never">never</option>
          </select>
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </div>
      <p className="text-xs text-stone-500">
        A token acts as a member with its role: the publish policy, approvals and self-approval rules apply to it, and the audit log names
        it. A token is never an admin.
      </p>
    </form>
  );
}
