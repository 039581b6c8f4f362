'use client';

import { updateReviewToHead } from '@/lib/actions/reviews';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useReviewAction } from './use-review-action';

export interface UpdateReviewButtonProps {
  workspace: string;
  promptId: string;
  reviewId: string;
  headNumber: number;
}

/** Moves the review to the draft head; approvals of the old content stay, and become stale. */
export function UpdateReviewButton({ workspace, promptId, reviewId, headNumber }: UpdateReviewButtonProps) {
  const { pending, error, run } = useReviewAction();
  return (
    <div className="space-y-2">
      <Button size="sm" onClick={() => run(() => updateReviewToHead({ workspace, promptId, reviewId }))} disabled={pending}>
        {pending ? 'Updating…' : `Update review to r${headNumber}`}
      </Button>
      <FormError message={error} />
    </div>
  );
}
