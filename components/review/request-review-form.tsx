'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { requestReview } from '@/lib/actions/reviews';
import { Button } from '@/components/ui/button';
import { FormError, TextAreaField, TextField } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';

const SHOWN_FIELDS = ['title', 'description', 'reviewerIds'];

export interface ReviewerOption {
  userId: string;
  label: string;
  role: string;
}

export interface RequestReviewFormProps {
  workspace: string;
  promptId: string;
  /** The draft head the review will be of. */
  headNumber: number;
  reviewers: ReviewerOption[];
  /** The prompt's reviews page; the new review opens beneath it. */
  reviewsHref: string;
}

/** Requests review of the draft head; opens the new review on success. */
export function RequestReviewForm({ workspace, promptId, headNumber, reviewers, reviewsHref }: RequestReviewFormProps) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function toggle(userId: string, on: boolean) {
    setSelected((ids) => (on ? [...ids, userId] : ids.filter((id) => id !== userId)));
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    const res = await requestReview({
      workspace,
      promptId,
      reviewerIds: selected,
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
    });
    if (!res.ok) {
      setPending(false);
      const shown = res.fieldErrors ?? {};
      setFieldErrors(shown);
      // A message already shown beside its field is not repeated above the form.
      setError(SHOWN_FIELDS.some((f) => shown[f]) ? null : res.error.message);
      return;
    }
    router.push(`${reviewsHref}/${res.data.id}`);
  }

  return (
    <form onSubmit={onSubmit} aria-labelledby="request-review-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-4" noValidate>
      <div>
        <h3 id="request-review-heading" className="font-medium text-stone-900">
          Request review
        </h3>
        <p className="text-sm text-stone-600">Asks for review of the current draft, r{headNumber}. Approvals bind to its content.</p>
      </div>
      <FormError message={error} />
      <TextField label="Title" name="title" placeholder={`Publish r${headNumber}`} maxLength={200} error={fieldErrors.title} />
      <TextAreaField label="Description" name="description" rows={3} maxLength={5000} placeholder="What changed and why" error={fieldErrors.description} />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-stone-800">Reviewers</legend>
        {reviewers.length === 0 ? (
          <p className="text-sm text-stone-500">No other member has the reviewer role or higher. Anyone who gets it can review.</p>
        ) : (
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {reviewers.map((r) => (
              <label key={r.userId} className="flex items-center gap-2 text-sm text-stone-800">
                <input
                  type="checkbox"
                  name="reviewerIds"
                  value={r.userId}
                  checked={selected.includes(r.userId)}
                  onChange={(e) => toggle(r.userId, e.target.checked)}
                  className="h-4 w-4 rounded border-stone-300 text-indigo-600 focus:ring-indigo-200"
                />
                {r.label} <span className="text-xs text-stone-500">{r.role}</span>
              </label>
            ))}
          </div>
        )}
        {fieldErrors.reviewerIds ? (
          <p role="alert" className="text-sm text-red-700">
            {fieldErrors.reviewerIds.join(' ')}
          </p>
        ) : (
          <p className="text-xs text-stone-500">Leave empty to ask anyone with the reviewer role or higher.</p>
        )}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? 'Requesting…' : `Request review of r${headNumber}`}
      </Button>
    </form>
  );
}
