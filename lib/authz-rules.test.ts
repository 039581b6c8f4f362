import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_MIN_ROLE, ROLES, can, isInvitee, mayResetPassword, roleAtLeast, type Action, type Role } from './authz-rules';

// The whole matrix, written out by hand so a change to the table has to change this too.
const EXPECTED: Record<Role, Action[]> = {
  viewer: ['workspace.read', 'prompt.read', 'audit.read', 'notification.read', 'prompt.follow'],
  editor: [
    'workspace.read',
    'prompt.read',
    'audit.read',
    'notification.read',
    'prompt.follow',
    'prompt.create',
    'prompt.update',
    'draft.save',
    'revision.restore',
    'review.request',
    'staging.pin',
    'testcase.edit',
    'evaluation.run',
  ],
  reviewer: [],
  publisher: [],
  admin: [...ACTIONS],
};
EXPECTED.reviewer = [...EXPECTED.editor, 'review.decide'];
EXPECTED.publisher = [...EXPECTED.reviewer, 'release.publish', 'release.rollback', 'canary.set'];

describe('authorization matrix', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role].includes(action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(can(role, action)).toBe(allowed);
      });
    }
  }

  it('orders roles as a hierarchy', () => {
    expect(roleAtLeast('admin', 'viewer')).toBe(true);
    expect(roleAtLeast('viewer', 'editor')).toBe(false);
    expect(roleAtLeast('publisher', 'publisher')).toBe(true);
    expect(roleAtLeast('reviewer', 'publisher')).toBe(false);
  });

  it('names a minimum role for every action', () => {
    for (const action of ACTIONS) expect(ROLES).toContain(ACTION_MIN_ROLE[action]);
  });
});

describe('who may answer an invitation', () => {
  it('is the account with the invited email, whatever its case or surrounding spaces', () => {
    expect(isInvitee('new@x.test', 'new@x.test')).toBe(true);
    expect(isInvitee(' New@X.test', 'new@x.test ')).toBe(true);
  });

  it('is nobody else, even with the link', () => {
    expect(isInvitee('other@x.test', 'new@x.test')).toBe(false);
    expect(isInvitee('new@x.test.evil', 'new@x.test')).toBe(false);
    expect(isInvitee('', 'new@x.test')).toBe(false);
  });
});

describe('who may issue a password reset link', () => {
  const administered = { issuerIsAdmin: true, otherMembers: 3, prompts: 12 };
  const unusedPersonal = { issuerIsAdmin: false, otherMembers: 0, prompts: 0 };

  it('an admin of every workspace the member is in, apart from an unused workspace of their own', () => {
    expect(mayResetPassword([administered])).toBe(true);
    expect(mayResetPassword([administered, unusedPersonal])).toBe(true);
  });

  // The link signs its holder in as the member everywhere: an admin of one workspace must not
  // reach the member's other teams or their own prompts through it.
  it('nobody, when the member belongs to a workspace the issuer does not administer', () => {
    expect(mayResetPassword([administered, { issuerIsAdmin: false, otherMembers: 2, prompts: 0 }])).toBe(false);
    expect(mayResetPassword([administered, { issuerIsAdmin: false, otherMembers: 0, prompts: 1 }])).toBe(false);
  });
});
