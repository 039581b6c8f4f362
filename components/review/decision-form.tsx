'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { decideReview } from '@/lib/actions/reviews';
import { Button } from '@/components/ui/button';
import { FormError, TextAreaField } from '@/components/ui/field';

type Decision = 'approve' | 'request_changes' | 'comment';

const PENDING_LABEL: Record<Decision, string> = { approve: 'Approving…', request_changes: 'Requesting changes…', comment: 'Commenting…' };

export interface DecisionFormProps {
  workspace: string;
  promptId: string;
  reviewId: string;
  /** The content the reviewer is looking at; the server refuses the decision if the review moved since. */
  contentHash: string;
}

/** Approve, request changes or comment on the review's revision. */
export function DecisionForm({ workspace, promptId, reviewId, contentHash }: DecisionFormProps) {
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string[] | undefined>(undefined);
  const [pending, setPending] = useState<Decision | null>(null);

  async function decide(decision: Decision) {
    setPending(decision);
    setError(null);
    setCommentError(undefined);
    const res = await decideReview({ workspace, promptId, reviewId, decision, comment, expectedContentHash: contentHash });
    setPending(null);
    if (!res.ok) {
      const forComment = res.fieldErrors?.comment;
      if (forComment?.length) setCommentError(forComment);
      else setError(res.error.message);
      return;
    }
    setComment('');
    router.refresh();
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    // Enter in the form (there is no text input, but be safe) comments rather than approves.
    e.preventDefault();
    void decide('comment');
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="decision-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <h3 id="decision-heading" className="font-medium text-stone-900">
        Your decision
      </h3>
      <FormError message={error} />
      <TextAreaField
        label="Comment"
        name="comment"
        rows={3}
        maxLength={5000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        error={commentError}
        hint="Required when requesting changes or commenting."
      />
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => decide('approve')} disabled={pending !== null}>
          {pending === 'approve' ? PENDING_LABEL.approve : 'Approve'}
        </Button>
        <Button variant="danger" onClick={() => decide('request_changes')} disabled={pending !== null}>
          {pending === 'request_changes' ? PENDING_LABEL.request_changes : 'Request changes'}
        </Button>
        <Button variant="secondary" type="submit" disabled={pending !== null}>
          {pending === 'comment' ? PENDING_LABEL.comment : 'Comment'}
        </Button>
      </div>
    </form>
  );
}
