// Who can be picked as a reviewer in the policy forms: members who may review, plus
// designated reviewers who since lost the role or left (so an admin can untick them).
import { canReview, type Role } from '@/lib/authz-rules';

export interface ReviewerCandidate {
  userId: string;
  name: string | null;
  email: string;
  role: Role;
}

export interface ReviewerOption {
  userId: string;
  label: string;
  role: string;
  eligible: boolean;
}

export function reviewerOptions(members: ReviewerCandidate[], designatedIds: string[]): ReviewerOption[] {
  const options = members
    .filter((m) => canReview(m.role) || designatedIds.includes(m.userId))
    .map((m) => ({ userId: m.userId, label: m.name ?? m.email, role: m.role, eligible: canReview(m.role) }));
  const gone = designatedIds.filter((id) => !members.some((m) => m.userId === id));
  return [...options, ...gone.map((userId) => ({ userId, label: 'Former member', role: 'not a member', eligible: false }))];
}
