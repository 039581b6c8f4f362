'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';

export function LoginForm({ next, providers }: { next: string; providers: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    if (!res || res.error) {
      setPending(false);
      // next-auth reports a wrong password as CredentialsSignin; a throttled attempt carries its own message.
      setError(res?.error?.startsWith('Too many') ? res.error : 'Email or password is incorrect.');
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <FormError message={error} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      {providers.map((p) => (
        <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl: next })}>
          Continue with {p.name}
        </Button>
      ))}
      <p className="text-center text-sm text-stone-600">
        New to Galley?{' '}
        <Link href="/signup" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
