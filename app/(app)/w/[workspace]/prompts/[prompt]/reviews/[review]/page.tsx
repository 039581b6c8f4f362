import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ContentDiff } from '@/components/diff/content-diff';
import { RelativeTime } from '@/components/history/relative-time';
import { CloseReviewButton } from '@/components/review/close-review-button';
import { DecisionForm } from '@/components/review/decision-form';
import { LineComments } from '@/components/review/line-comments';
import { DecisionTimeline } from '@/components/review/decision-timeline';
import { OutdatedBanner } from '@/components/review/outdated-banner';
import { PublishStatus } from '@/components/review/publish-status';
import { ReviewStatusBadge } from '@/components/review/review-status-badge';
import { FormError } from '@/components/ui/field';
import { can } from '@/lib/authz';
import { resolveRef } from '@/lib/data/compare';
import { getPrompt } from '@/lib/data/prompts';
import { getPublishCheck } from '@/lib/data/publish';
import { listThreads } from '@/lib/data/review-comments';
import { getReview } from '@/lib/data/reviews';
import { parseContent } from '@/lib/domain/content';
import { formatUtc } from '@/lib/domain/history';
import { orNotFound, workspacePage } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Review' };

// Review ids are cuids; anything else (including bytes PostgreSQL rejects) is a 404 before any query.
const REVIEW_ID = /^[A-Za-z0-9_-]{1,64}$/;

export default async function ReviewPage({ params }: { params: Promise<{ workspace: string; prompt: string; review: string }> }) {
  const { workspace, prompt: slug, review: reviewId } = await params;
  const ctx = await workspacePage(workspace, `/w/${workspace}/prompts/${slug}/reviews/${reviewId}`);
  if (!REVIEW_ID.test(reviewId)) notFound();
  const prompt = await orNotFound(getPrompt(ctx, slug));
  const review = await orNotFound(getReview(ctx, prompt.id, reviewId));
  const open = review.status === 'open';
  const [production, check, threads] = await Promise.all([
    orNotFound(resolveRef(ctx, prompt.id, 'production')),
    // The head's check is the one the layout's Publish bar made (read once per request).
    open
      ? orNotFound(getPublishCheck(ctx, prompt.id, review.revision.id === prompt.headRevision?.id ? undefined : review.revision.id))
      : null,
    listThreads(ctx, prompt.id, { reviewId: review.id }),
  ]);
  const parsed = parseContent(review.revision.content);
  const head = review.head;
  const outdated = open && head !== null && head.contentHash !== review.contentHash;
  const canRequest = can(ctx.role, 'review.request');
  const n = review.revision.number;

  return (
    <section aria-labelledby="review-heading" className="space-y-4">
      <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="space-y-1">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="review-heading" className="text-base font-semibold text-stone-900">
                {review.title}
              </h2>
              <ReviewStatusBadge status={review.status} />
            </div>
            <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-600">
              <span className="font-medium text-stone-800">Review of r{n}</span>
              <span aria-hidden>·</span>
              <span>requested by {review.requestedBy}</span>
              <span aria-hidden>·</span>
              <RelativeTime iso={review.createdAt.toISOString()} absolute={formatUtc(review.createdAt)} />
            </p>
          </div>
          <div className="flex items-start gap-2">
            <Link href={`/w/${ctx.workspaceSlug}/prompts/${prompt.slug}/reviews`} className="py-1 text-sm text-indigo-700 hover:underline">
              All reviews
            </Link>
            {open && canRequest && <CloseReviewButton workspace={ctx.workspaceSlug} promptId={prompt.id} reviewId={review.id} />}
          </div>
        </div>
        {review.description && <p className="whitespace-pre-wrap break-words text-sm text-stone-800">{review.description}</p>}
        <p className="text-sm text-stone-600">
          <span className="font-medium text-stone-800">Reviewers: </span>
          {review.reviewers.length ? review.reviewers.map((r) => r.name).join(', ') : 'anyone with the reviewer role or higher'}
        </p>
      </div>

      {outdated && head && (
        <OutdatedBanner
          workspace={ctx.workspaceSlug}
          promptId={prompt.id}
          reviewId={review.id}
          revisionNumber={n}
          headNumber={head.number}
          canUpdate={canRequest}
        />
      )}

      {check && <PublishStatus check={check} />}

      <section aria-labelledby="diff-heading" className="space-y-3">
        <h3 id="diff-heading" className="text-sm font-semibold text-stone-900">
          r{n} against {production ? production.label : 'production (nothing published yet)'}
        </h3>
        {parsed.ok ? (
          <ContentDiff
            before={production?.content ?? null}
            after={parsed.content}
            beforeLabel={production?.label ?? 'Nothing published'}
            afterLabel={`r${n}`}
            commentable={can(ctx.role, 'review.decide')}
          />
        ) : (
          <FormError message={`r${n} is not valid content and cannot be shown.`} />
        )}
      </section>

      {parsed.ok && (
        <section aria-labelledby="comments-heading" className="space-y-3">
          <h3 id="comments-heading" className="text-sm font-semibold text-stone-900">
            Line comments
          </h3>
          <LineComments
            workspace={ctx.workspaceSlug}
            promptId={prompt.id}
            on={{ reviewId: review.id }}
            userId={ctx.userId}
            canComment={can(ctx.role, 'review.decide')}
            blocks={parsed.content.blocks}
            threads={threads}
          />
        </section>
      )}

      <section aria-labelledby="decisions-heading" className="space-y-3">
        <h3 id="decisions-heading" className="text-sm font-semibold text-stone-900">
          Decisions
        </h3>
        <DecisionTimeline decisions={review.approvals} headNumber={head?.number ?? null} />
        {open && can(ctx.role, 'review.decide') && (
          <DecisionForm workspace={ctx.workspaceSlug} promptId={prompt.id} reviewId={review.id} contentHash={review.contentHash} />
        )}
      </section>
    </section>
  );
}
