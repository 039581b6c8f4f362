'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { acceptInvitation, declineInvitation } from '@/lib/actions/invitations';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export function InvitationAnswer({ token, workspaceName, role }: { token: string; workspaceName: string; role: string }) {
  const router = useRouter();
  const [declined, setDeclined] = useState(false);
  const accept = useAction(acceptInvitation, { onSuccess: (data) => router.push(`/w/${data.workspaceSlug}`) });
  const decline = useAction(declineInvitation, { onSuccess: () => setDeclined(true) });
  const pending = accept.pending || decline.pending;

  if (declined) {
    return (
      <p role="status" className="text-sm text-stone-700">
        You declined the invitation to {workspaceName}. The link no longer works.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <FormError message={accept.error ?? decline.error} />
      <div className="flex gap-2">
        <Button onClick={() => accept.run({ token })} disabled={pending}>
          {accept.pending ? 'Joining…' : `Accept and join as ${role}`}
        </Button>
        <Button variant="secondary" onClick={() => decline.run({ token })} disabled={pending}>
          Decline
        </Button>
      </div>
    </div>
  );
}
