import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { auth } from '@/lib/auth';
import { features, env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(params.next);
  if (await auth()) redirect(next);
  const providers = [
    ...(features.github ? [{ id: 'github', name: 'GitHub' }] : []),
    ...(features.oidc ? [{ id: 'oidc', name: env.OIDC_NAME }] : []),
  ];
  return <LoginForm next={next} providers={providers} />;
}
