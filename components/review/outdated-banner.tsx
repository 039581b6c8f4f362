import { UpdateReviewButton } from './update-review-button';

export interface OutdatedBannerProps {
  workspace: string;
  promptId: string;
  reviewId: string;
  revisionNumber: number;
  headNumber: number;
  /** Whether the viewer may move the review to the head. */
  canUpdate: boolean;
}

/** The draft moved on after the review was requested; decisions here are about older content. */
export function OutdatedBanner({ workspace, promptId, reviewId, revisionNumber, headNumber, canUpdate }: OutdatedBannerProps) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      <div>
        <p className="font-medium">
          Draft is now r{headNumber}; this review is of r{revisionNumber}
        </p>
        <p className="text-amber-800">
          {canUpdate
            ? `Updating moves the review to r${headNumber}; approvals of r${revisionNumber} then show as stale.`
            : `Approvals here are of r${revisionNumber}, not of the current draft.`}
        </p>
      </div>
      {canUpdate && <UpdateReviewButton workspace={workspace} promptId={promptId} reviewId={reviewId} headNumber={headNumber} />}
    </div>
  );
}
