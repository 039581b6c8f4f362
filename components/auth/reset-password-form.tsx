'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { resetPassword } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const { run, pending: saving, error, fieldErrors } = useAction(resetPassword);
  const [signingIn, setSigningIn] = useState(false);
  const pending = saving || signingIn;
  const formError = Object.keys(fieldErrors).length ? null : error;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get('password') ?? '');
    const res = await run({ token, password });
    if (!res.ok) return;
    setSigningIn(true);
    const login = await signIn('credentials', { email: res.data.email, password, redirect: false }).catch(() => null);
    router.replace(!login || login.error ? '/login' : '/');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Set a new password</h1>
      <p className="text-sm text-stone-700">
        For <strong>{email}</strong>. Setting it signs this account out on every device.
      </p>
      <FormError message={formError} />
      <NewPasswordField label="New password" name="password" error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Saving…' : 'Set password and sign in'}
      </Button>
    </form>
  );
}
