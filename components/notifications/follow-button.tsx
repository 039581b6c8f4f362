'use client';

import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import { followPrompt } from '@/lib/actions/notifications';

/** Follow a prompt to hear of its releases in the inbox. */
export function FollowButton({ workspace, promptId, following }: { workspace: string; promptId: string; following: boolean }) {
  const { run, pending } = useAction(followPrompt);
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-pressed={following}
      disabled={pending}
      onClick={() => run({ workspace, promptId, follow: !following })}
    >
      {following ? 'Following' : 'Follow'}
    </Button>
  );
}
