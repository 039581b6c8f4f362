import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/login-form';
import { auth } from '@/lib/auth';
import { safeReturnPath } from '@/lib/domain/return-path';
import { features, env } from '@/lib/env';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeReturnPath(params.next);
  if (await auth()) redirect(next);
  const providers = [
    ...(features.github ? [{ id: 'github', name: 'GitHub' }] : []),
    ...(features.oidc ? [{ id: 'oidc', name: env.OIDC_NAME }] : []),
  ];
  return <LoginForm next={next} providers={providers} />;
}
