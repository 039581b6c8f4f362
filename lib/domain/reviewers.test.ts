import { describe, expect, it } from 'vitest';
import { REVIEWER_ROLES } from '@/lib/authz-rules';
import { reviewerOptions } from './reviewers';

const member = (userId: string, role: 'viewer' | 'editor' | 'reviewer' | 'publisher' | 'admin', name: string | null = null) => ({
  userId,
  role,
  name,
  email: `${userId}@x.test`,
});

describe('reviewer eligibility', () => {
  it('is every role that may decide a review', () => {
    expect(REVIEWER_ROLES).toEqual(['reviewer', 'publisher', 'admin']);
  });

  it('offers reviewers and up, keeps designated members who lost the role or left, and labels them', () => {
    const options = reviewerOptions(
      [member('a', 'editor'), member('b', 'reviewer', 'Bea'), member('c', 'admin'), member('d', 'viewer')],
      ['d', 'gone'],
    );
    expect(options).toEqual([
      { userId: 'b', label: 'Bea', role: 'reviewer', eligible: true },
      { userId: 'c', label: 'c@x.test', role: 'admin', eligible: true },
      { userId: 'd', label: 'd@x.test', role: 'viewer', eligible: false },
      { userId: 'gone', label: 'Former member', role: 'not a member', eligible: false },
    ]);
  });
});
