import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/signup-form';
import { auth } from '@/lib/auth';

export const metadata: Metadata = { title: 'Create account' };

export default async function SignUpPage() {
  if (await auth()) redirect('/');
  return <SignUpForm />;
}
