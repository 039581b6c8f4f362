import type { Metadata } from 'next';
import { RequestReviewForm } from '@/components/review/request-review-form';
import { ReviewList } from '@/components/review/review-list';
import { can, canReview } from '@/lib/authz';
import { listMembers } from '@/lib/data/members';
import { getPrompt } from '@/lib/data/prompts';
import { listPromptReviews } from '@/lib/data/reviews';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Reviews' };

export default async function PromptReviewsPage({ params }: { params: Promise<{ workspace: string; prompt: string }> }) {
  const { workspace, prompt: slug } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/reviews`);
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const canRequest = can(ctx.role, 'review.request') && prompt.headRevision !== null;
  const [reviews, members] = await Promise.all([
    listPromptReviews(ctx, prompt.id),
    canRequest ? listMembers(ctx).then((m) => m.members) : [],
  ]);
  const reviewers = members
    .filter((m) => canReview(m.role) && m.userId !== ctx.userId)
    .map((m) => ({ userId: m.userId, label: m.name ?? m.email, role: m.role }));
  const reviewsHref = `/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/reviews`;

  return (
    <section aria-labelledby="reviews-heading" className="space-y-4">
      <h2 id="reviews-heading" className="text-base font-semibold text-stone-900">
        Reviews
      </h2>
      <ReviewList workspace={ctx.workspaceSlug} items={reviews} label="Reviews of this prompt" empty="No reviews yet." />
      {canRequest && prompt.headRevision && (
        <RequestReviewForm
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          headNumber={prompt.headRevision.number}
          reviewers={reviewers}
          reviewsHref={reviewsHref}
        />
      )}
    </section>
  );
}
