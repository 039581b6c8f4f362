import type { Metadata } from 'next';
import { ReviewList } from '@/components/review/review-list';
import { can } from '@/lib/authz';
import { listReviewQueue } from '@/lib/data/reviews';
import { workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Reviews' };

export default async function ReviewQueuePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/reviews`);
  const queue = await listReviewQueue(ctx);
  // Only roles that can decide have anything waiting for them.
  const mine = (r: (typeof queue)[number]) => r.forMe && can(ctx.role, 'review.decide');
  const forMe = queue.filter(mine);
  const others = queue.filter((r) => !mine(r));
  return (
    <main className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">Reviews</h1>
        <p className="text-stone-600">Open reviews in {ctx.workspaceName}</p>
      </div>
      <section aria-labelledby="for-me-heading" className="space-y-3">
        <h2 id="for-me-heading" className="text-lg font-semibold">
          Waiting for you
        </h2>
        <ReviewList
          workspace={ctx.workspaceSlug}
          items={forMe}
          showPrompt
          label="Waiting for you"
          empty="Nothing is waiting for your review."
        />
      </section>
      <section aria-labelledby="others-heading" className="space-y-3">
        <h2 id="others-heading" className="text-lg font-semibold">
          Other open reviews
        </h2>
        <ReviewList workspace={ctx.workspaceSlug} items={others} showPrompt label="Other open reviews" empty="No other open reviews." />
      </section>
    </main>
  );
}
