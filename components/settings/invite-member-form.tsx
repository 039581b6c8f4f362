'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { inviteMember } from '@/lib/actions/members';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import type { Role } from '@/lib/authz-rules';
import type { FieldErrors } from '@/lib/errors';
import { RoleSelect } from './role-select';

export function InviteMemberForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const [role, setRole] = useState<Role>('editor');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const email = String(new FormData(formEl).get('email') ?? '');
    setPending(true);
    const res = await inviteMember({ workspace, email, role });
    setPending(false);
    if (!res.ok) {
      setFieldErrors(res.fieldErrors ?? {});
      setError(res.fieldErrors ? null : res.error.message);
      setMessage(null);
      return;
    }
    setFieldErrors({});
    setError(null);
    setMessage(res.data.kind === 'added' ? `${email} added as ${role}.` : `${email} invited as ${role}; they join when they sign up.`);
    formEl.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <h3 className="font-medium">Invite a member</h3>
      <FormError message={error} />
      {message && <p role="status" className="text-sm text-emerald-700">{message}</p>}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <TextField label="Invite email" name="email" type="email" error={fieldErrors.email} required />
        </div>
        <RoleSelect label="Invite role" value={role} onChange={setRole} />
        <Button type="submit" disabled={pending}>{pending ? 'Inviting…' : 'Invite'}</Button>
      </div>
    </form>
  );
}
