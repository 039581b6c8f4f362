'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CopyOnceBox } from '@/components/ui/copy-once-box';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { deleteWebhook, rotateWebhook, sendTestWebhook, setWebhookEnabled } from '@/lib/actions/webhooks';

/** Send a test event, Rotate the secret, Enable/Disable, Delete. */
export function EndpointControls({ workspace, endpointId, enabled }: { workspace: string; endpointId: string; enabled: boolean }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const test = useAction(sendTestWebhook);
  const rotate = useAction(rotateWebhook, { onSuccess: (d) => setSecret(d.secret) });
  const toggle = useAction(setWebhookEnabled);
  const remove = useAction(deleteWebhook, { onSuccess: () => router.push(`/w/${workspace}/settings/webhooks`) });
  const input = { workspace, endpointId };
  return (
    <div className="space-y-3">
      <FormError message={test.error ?? rotate.error ?? toggle.error ?? remove.error} />
      {secret && (
        <CopyOnceBox
          region="New webhook secret"
          inputLabel="Signing secret"
          value={secret}
          testId="webhook-secret"
          onDone={() => setSecret(null)}
        >
          New secret. The previous one keeps working (requests carry both signatures) for 24 hours.
        </CopyOnceBox>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={test.pending} onClick={() => test.run(input)}>
          {test.pending ? 'Sending…' : 'Send a test event'}
        </Button>
        <Button size="sm" variant="secondary" disabled={rotate.pending} onClick={() => rotate.run(input)}>
          Rotate secret
        </Button>
        <Button size="sm" variant="secondary" disabled={toggle.pending} onClick={() => toggle.run({ ...input, enabled: !enabled })}>
          {enabled ? 'Disable' : 'Enable'}
        </Button>
        {confirmDelete ? (
          <Button size="sm" variant="danger" disabled={remove.pending} onClick={() => remove.run(input)}>
            Delete for good
          </Button>
        ) : (
          <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </Button>
        )}
      </div>
    </div>
  );
}
