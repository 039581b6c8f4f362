import { describe, expect, it } from 'vitest';
import { authorizeMembership } from './authz';

const membership = { workspaceId: 'w1', workspaceSlug: 'acme', workspaceName: 'Acme', role: 'editor' as const };

describe("authorizeMembership (a page authorizes with the membership from the user's list)", () => {
  it('answers a non-member with "not found", so slugs do not leak', () => {
    expect(() => authorizeMembership('u1', null, 'workspace.read')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses a role below the action, naming the role it needs', () => {
    expect(() => authorizeMembership('u1', membership, 'release.publish')).toThrow(
      expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('Your role (editor)') }),
    );
  });

  it('gives a member the context of that workspace', () => {
    expect(authorizeMembership('u1', membership, 'draft.save')).toEqual({
      userId: 'u1',
      workspaceId: 'w1',
      workspaceSlug: 'acme',
      workspaceName: 'Acme',
      role: 'editor',
    });
  });
});
