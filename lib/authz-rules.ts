// The role hierarchy and the table of actions: pure data, shared by lib/authz.ts and the
// UI (which hides what a role cannot do; the server still checks every call).
export const ROLES = ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTION_MIN_ROLE = {
  'workspace.read': 'viewer',
  'prompt.read': 'viewer',
  'notification.read': 'viewer',
  'prompt.follow': 'viewer',
  'audit.read': 'viewer',
  'prompt.create': 'editor',
  'prompt.update': 'editor',
  'draft.save': 'editor',
  'revision.restore': 'editor',
  'review.request': 'editor',
  'staging.pin': 'editor',
  'testcase.edit': 'editor',
  'evaluation.run': 'editor',
  'review.decide': 'reviewer',
  'release.publish': 'publisher',
  'release.rollback': 'publisher',
  'canary.set': 'publisher',
  'policy.change': 'admin',
  'member.invite': 'admin',
  'member.role_change': 'admin',
  'member.remove': 'admin',
  'member.reset_password': 'admin',
  'apikey.manage': 'admin',
  'servicetoken.manage': 'admin',
  'provider.manage': 'admin',
  'workspace.settings': 'admin',
  'webhook.manage': 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof ACTION_MIN_ROLE;
export const ACTIONS = Object.keys(ACTION_MIN_ROLE) as Action[];

export function roleAtLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export function can(role: Role, action: Action): boolean {
  return roleAtLeast(role, ACTION_MIN_ROLE[action]);
}

/** Whose approvals count: every role that may decide a review. Derived, never listed by hand. */
export const REVIEWER_ROLES: Role[] = ROLES.filter((role) => can(role, 'review.decide'));

export function canReview(role: Role): boolean {
  return can(role, 'review.decide');
}

/**
 * Who may answer (accept or decline) an invitation: only the account it was issued for. The
 * link alone is not enough, since links get forwarded and pasted into chats; GitHub does the same.
 */
export function isInvitee(userEmail: string, invitedEmail: string): boolean {
  return userEmail.trim().toLowerCase() === invitedEmail.trim().toLowerCase();
}

/** One workspace of the member whose password would be reset, as the issuing admin sees it. */
export interface ResetScope {
  /** The issuer is an admin of this workspace. */
  issuerIsAdmin: boolean;
  /** Members besides the member being reset. */
  otherMembers: number;
  prompts: number;
}

/**
 * Whoever holds a reset link can sign in as the member, in every workspace the member belongs
 * to. So an admin may issue one only when that reaches nothing the admin does not already
 * govern: each of the member's workspaces is one the issuer administers, or one the member has
 * alone and empty (the personal workspace every sign-up gets and may never use).
 */
export function mayResetPassword(scopes: ResetScope[]): boolean {
  return scopes.every((s) => s.issuerIsAdmin || (s.otherMembers === 0 && s.prompts === 0));
}
