'use client';

import { cancelScheduledRelease } from '@/lib/actions/releases';
import type { ScheduleState } from '@/lib/data/scheduled-releases';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { LocalTime } from './local-time';

export interface ScheduledReleaseStatusProps {
  workspace: string;
  promptId: string;
  scheduleState: ScheduleState;
  /** The pending schedule's time and the last one's, formatted in UTC on the server. */
  utc: { pending: string | null; last: string | null };
  mayCancel: boolean;
}

/** "Scheduled for …" with Cancel, or why the last scheduled release did not go out. */
export function ScheduledReleaseStatus({ workspace, promptId, scheduleState, utc, mayCancel }: ScheduledReleaseStatusProps) {
  const { run, pending, error } = useAction(cancelScheduledRelease);
  const { pending: next, last } = scheduleState;
  if (next) {
    return (
      <div data-testid="scheduled-release" className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
        <p role="status">
          Scheduled for <LocalTime iso={next.runAt.toISOString()} utc={utc.pending!} />: r{next.revisionNumber}, by {next.scheduledBy}.
        </p>
        {mayCancel && (
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => run({ workspace, promptId, scheduleId: next.id })}>
            {pending ? 'Cancelling…' : 'Cancel schedule'}
          </Button>
        )}
        <FormError message={error} />
      </div>
    );
  }
  if (last?.status === 'cancelled') {
    return (
      <p data-testid="scheduled-release" role="status" className="text-sm text-amber-800">
        The release of r{last.revisionNumber} scheduled for <LocalTime iso={last.runAt.toISOString()} utc={utc.last!} /> was cancelled:{' '}
        {last.reason}
      </p>
    );
  }
  return null;
}
