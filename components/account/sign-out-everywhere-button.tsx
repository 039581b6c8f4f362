'use client';

import { signOut } from 'next-auth/react';
import { signOutEverywhere } from '@/lib/actions/account';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export function SignOutEverywhereButton() {
  // The bump already ended this session on the server; signOut() clears its cookie here.
  const { run, pending, error } = useAction(signOutEverywhere, { onSuccess: () => signOut({ callbackUrl: '/login' }) });
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <Button variant="danger" onClick={() => run({})} disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out everywhere'}
      </Button>
      <p className="text-xs text-stone-500">Every browser and device signed in to this account, this one included, has to sign in again.</p>
    </div>
  );
}
