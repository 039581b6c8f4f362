import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_MIN_ROLE, ROLES, can, roleAtLeast, type Action, type Role } from './authz-rules';

// The whole matrix, written out by hand so a change to the table has to change this too.
const EXPECTED: Record<Role, Action[]> = {
  viewer: ['workspace.read', 'prompt.read', 'audit.read'],
  editor: [
    'workspace.read',
    'prompt.read',
    'audit.read',
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
