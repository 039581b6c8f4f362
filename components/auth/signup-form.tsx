'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { signUp } from '@/lib/actions/auth';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';

export function SignUpForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') };
    setPending(true);
    setError(null);
    const res = await signUp(input);
    if (!res.ok) {
      setPending(false);
      setFieldErrors(res.fieldErrors ?? {});
      setError(res.fieldErrors ? null : res.error.message);
      return;
    }
    setFieldErrors({});
    const login = await signIn('credentials', { email: input.email, password: input.password, redirect: false });
    if (!login || login.error) {
      router.replace('/login');
      return;
    }
    router.replace(`/w/${res.data.workspaceSlug}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Create your account</h1>
      <FormError message={error} />
      <TextField label="Name" name="name" autoComplete="name" maxLength={200} error={fieldErrors.name} required />
      <TextField label="Email" name="email" type="email" autoComplete="email" error={fieldErrors.email} required />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" error={fieldErrors.password} hint="At least 10 characters." required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
      <p className="text-center text-sm text-stone-600">
        Already have an account?{' '}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
