'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { signUp } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { NewPasswordField } from '@/components/auth/new-password-field';
import { FormError, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

/** `next`: where to go once signed in (an invitation page), else the new personal workspace; `email`: a suggested address. */
export function SignUpForm({ next, email }: { next?: string; email?: string }) {
  const router = useRouter();
  const { run, pending: creating, error, fieldErrors } = useAction(signUp);
  const [signingIn, setSigningIn] = useState(false);
  const pending = creating || signingIn;
  // A message already shown beside its field is not repeated above the form.
  const formError = Object.keys(fieldErrors).length ? null : error;
  const signInHref = next ? `/login?next=${encodeURIComponent(next)}` : '/login';

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    const res = await run(input);
    if (!res.ok) return;
    setSigningIn(true);
    const login = await signIn('credentials', { email: input.email, password: input.password, redirect: false }).catch(() => null);
    if (!login || login.error) {
      router.replace(signInHref);
      return;
    }
    router.replace(next ?? `/w/${res.data.workspaceSlug}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <FormError message={formError} />
      <TextField label="Name" name="name" autoComplete="name" maxLength={200} error={fieldErrors.name} required />
      <TextField label="Email" name="email" type="email" autoComplete="email" defaultValue={email} error={fieldErrors.email} required />
      <NewPasswordField label="Password" name="password" error={fieldErrors.password} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-stone-600">
        Already have an account?{' '}
        <Link href={signInHref} className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
