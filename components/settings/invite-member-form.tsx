'use client';

import { useState, type FormEvent } from 'react';
import { inviteMember } from '@/lib/actions/members';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { Role } from '@/lib/authz-rules';
import { formatUtc } from '@/lib/domain/history';
import { RoleSelect } from './role-select';

interface IssuedLink {
  email: string;
  role: Role;
  url: string;
  expiresAt: Date;
}

export function InviteMemberForm({ workspace }: { workspace: string }) {
  const [role, setRole] = useState<Role>('editor');
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const { run, pending, error, fieldErrors } = useAction(inviteMember);
  // A message already shown beside its field is not repeated above the form.
  const formError = Object.keys(fieldErrors).length ? null : error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const email = String(new FormData(formEl).get('email') ?? '').trim();
    setIssued(null);
    const res = await run({ workspace, email, role });
    if (!res.ok) return;
    // The link names this origin: the one the admin reached Galley through.
    setIssued({ email, role, url: new URL(res.data.path, window.location.origin).href, expiresAt: new Date(res.data.expiresAt) });
    formEl.reset();
  }

  return (
    <div className="space-y-3">
      {issued && (
        <CopyOnceBox
          region="Invitation link"
          inputLabel="Invitation link"
          value={issued.url}
          testId="invitation-link"
          onDone={() => setIssued(null)}
        >
          <p>
            Invitation for {issued.email} as {issued.role}. Copy the link now and send it to them yourself (Galley sends no email); it will
            not be shown again.
          </p>
          <p className="font-normal">
            It works once, for the account with that email, until {formatUtc(issued.expiresAt)}. Revoke it in the member list if it goes
            astray.
          </p>
        </CopyOnceBox>
      )}
      <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
        <h3 className="font-medium">Invite a member</h3>
        <FormError message={formError} />
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-64 flex-1">
            <TextField label="Invite email" name="email" type="email" error={fieldErrors.email} required />
          </div>
          <RoleSelect label="Invite role" value={role} onChange={setRole} />
          <Button type="submit" disabled={pending}>
            {pending ? 'Creating link…' : 'Create invitation link'}
          </Button>
        </div>
        <p className="text-xs text-stone-500">
          They join only through the link: it asks them to sign in (or create an account) with this email, then to accept.
        </p>
      </form>
    </div>
  );
}
