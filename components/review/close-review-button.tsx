'use client';

import { closeReview } from '@/lib/actions/reviews';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useReviewAction } from './use-review-action';

/** Closes the review without publishing; its decisions stay on record. */
export function CloseReviewButton({ workspace, promptId, reviewId }: { workspace: string; promptId: string; reviewId: string }) {
  const { pending, error, run } = useReviewAction();
  return (
    <div className="space-y-2">
      <Button variant="secondary" size="sm" onClick={() => run(() => closeReview({ workspace, promptId, reviewId }))} disabled={pending}>
        {pending ? 'Closing…' : 'Close review'}
      </Button>
      <FormError message={error} />
    </div>
  );
}
