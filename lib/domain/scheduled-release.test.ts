import { describe, expect, it } from 'vitest';
import { scheduleDecision, scheduleTimeProblem, type DueSchedule, type ScheduleFacts } from './scheduled-release';

const now = new Date('2026-12-02T12:00:00Z');
const due: DueSchedule = { status: 'scheduled', runAt: new Date('2026-12-02T11:59:00Z'), contentHash: 'h1', revisionNumber: 3 };
const open: ScheduleFacts = { now, role: 'publisher', gate: { allowed: true, reasons: [] }, revisionHash: 'h1' };

describe('scheduleDecision', () => {
  it('publishes a due schedule whose gate is still open for the same content', () => {
    expect(scheduleDecision(due, open)).toEqual({ kind: 'publish' });
  });

  it('waits until its time', () => {
    expect(scheduleDecision({ ...due, runAt: new Date('2026-12-02T12:00:01Z') }, open)).toEqual({ kind: 'wait' });
  });

  it('skips a schedule another instance or a person already acted on', () => {
    expect(scheduleDecision({ ...due, status: 'published' }, open)).toEqual({ kind: 'skip' });
    expect(scheduleDecision({ ...due, status: 'cancelled' }, open)).toEqual({ kind: 'skip' });
  });

  it('cancels when the gate closed, naming its reasons', () => {
    const closed = { ...open, gate: { allowed: false, reasons: ['Waiting for Safety: 0 of 1.'] } };
    expect(scheduleDecision(due, closed)).toEqual({
      kind: 'cancel',
      reason: 'The gate closed before the release time: Waiting for Safety: 0 of 1.',
    });
  });

  it('cancels when the content is not what was scheduled', () => {
    expect(scheduleDecision(due, { ...open, revisionHash: 'h2' })).toEqual({
      kind: 'cancel',
      reason: 'r3 no longer has the content that was scheduled.',
    });
  });

  it('cancels when the publisher left or lost the publish role', () => {
    expect(scheduleDecision(due, { ...open, role: null }).kind).toBe('cancel');
    expect(scheduleDecision(due, { ...open, role: 'reviewer' })).toEqual({
      kind: 'cancel',
      reason: 'The publisher who scheduled it is now a reviewer and may not publish.',
    });
  });
});

describe('scheduleTimeProblem', () => {
  it('accepts a time ahead and refuses the past, an invalid date and a typo years ahead', () => {
    expect(scheduleTimeProblem(new Date('2026-12-02T12:05:00Z'), now)).toBeNull();
    expect(scheduleTimeProblem(new Date('2026-12-02T11:00:00Z'), now)).toBe('Choose a time in the future');
    expect(scheduleTimeProblem(new Date('nope'), now)).toBe('Enter a date and time');
    expect(scheduleTimeProblem(new Date('2036-12-02T12:00:00Z'), now)).toBe('Choose a time within a year');
  });
});
