import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/signup-form';
import { auth } from '@/lib/auth';
import { safeReturnPath } from '@/lib/domain/return-path';

export const metadata: Metadata = { title: 'Create account' };

/** `?next=` (an invitation page) is where the new account goes once signed in; `?email=` fills the field in. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = params.next ? safeReturnPath(params.next) : undefined;
  if (await auth()) redirect(next ?? '/');
  const email = typeof params.email === 'string' ? params.email.slice(0, 254) : undefined;
  return <SignUpForm next={next} email={email} />;
}
