'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { changePassword } from '@/lib/actions/account';
import { Button } from '@/components/ui/button';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

// Changing the password ends every session, this one too; the form signs this browser in
// again with the new password, so only the other devices are signed out.
export function PasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [done, setDone] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const { run, pending, error, fieldErrors } = useAction(changePassword);
  const formError = Object.keys(fieldErrors).length ? null : error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const input = { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: String(data.get('newPassword') ?? '') };
    setDone(false);
    const res = await run(input);
    if (!res.ok) return;
    setSigningIn(true);
    const login = await signIn('credentials', { email, password: input.newPassword, redirect: false }).catch(() => null);
    setSigningIn(false);
    if (!login || login.error) {
      router.replace(`/login?next=${encodeURIComponent('/account')}`);
      return;
    }
    form.reset();
    setDone(true);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <FormError message={formError} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fieldErrors.currentPassword}
        required
      />
      <NewPasswordField label="New password" name="newPassword" error={fieldErrors.newPassword} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending || signingIn}>
          {pending || signingIn ? 'Changing…' : 'Change password'}
        </Button>
        {done && (
          <p role="status" className="text-sm text-emerald-700">
            Password changed. Every other session is signed out.
          </p>
        )}
      </div>
    </form>
  );
}
