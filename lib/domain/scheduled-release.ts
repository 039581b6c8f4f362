// What the scheduler does with a due scheduled release. Pure: the caller loads the facts
// (inside the publish transaction) and acts on the answer, so the rule is tested here.
import { can, type Role } from '@/lib/authz-rules';

export type ScheduleStatus = 'scheduled' | 'published' | 'cancelled';

export interface DueSchedule {
  status: ScheduleStatus;
  runAt: Date;
  /** The content the publisher scheduled; it must still be what the revision holds. */
  contentHash: string;
  revisionNumber: number;
}

export interface ScheduleFacts {
  now: Date;
  /** The scheduling publisher's role now; null when they are no longer a member. */
  role: Role | null;
  /** The gate for the scheduled revision, evaluated now (null when the role is missing). */
  gate: { allowed: boolean; reasons: string[] } | null;
  /** The contentHash the scheduled revision has now. */
  revisionHash: string;
}

export type ScheduleDecision = { kind: 'wait' } | { kind: 'skip' } | { kind: 'publish' } | { kind: 'cancel'; reason: string };

export function scheduleDecision(schedule: DueSchedule, facts: ScheduleFacts): ScheduleDecision {
  // Another instance (or a person) already acted on it: nothing to do, and nothing to audit.
  if (schedule.status !== 'scheduled') return { kind: 'skip' };
  if (schedule.runAt.getTime() > facts.now.getTime()) return { kind: 'wait' };
  if (facts.role === null) return { kind: 'cancel', reason: 'The publisher who scheduled it is no longer a member of the workspace.' };
  if (!can(facts.role, 'release.publish'))
    return { kind: 'cancel', reason: `The publisher who scheduled it is now a ${facts.role} and may not publish.` };
  if (facts.revisionHash !== schedule.contentHash)
    return { kind: 'cancel', reason: `r${schedule.revisionNumber} no longer has the content that was scheduled.` };
  if (!facts.gate || !facts.gate.allowed) {
    const reasons = facts.gate?.reasons.join(' ') || 'The publish gate is closed.';
    return { kind: 'cancel', reason: `The gate closed before the release time: ${reasons}` };
  }
  return { kind: 'publish' };
}

/** The earliest a release may be scheduled: a little ahead, so the form's "now" is not already past. */
export const MIN_SCHEDULE_LEAD_MS = 1000;
/** Nobody means to schedule a release years ahead; a typo in the year should be refused. */
export const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3_600_000;

/** Why a chosen time cannot be used, or null when it can. */
export function scheduleTimeProblem(runAt: Date, now: Date): string | null {
  if (Number.isNaN(runAt.getTime())) return 'Enter a date and time';
  if (runAt.getTime() < now.getTime() + MIN_SCHEDULE_LEAD_MS) return 'Choose a time in the future';
  if (runAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) return 'Choose a time within a year';
  return null;
}
