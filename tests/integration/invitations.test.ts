// Regression (front door, finding 3): an invitation for new@x.test as publisher made any
// sign-up with that email a publisher, and inviting an existing user added them silently.
// Now a workspace is joined only through an invitation link: a one-time token, stored
// hashed, expiring, revocable, and answered by the account with the invited email.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import {
  acceptInvitation,
  declineInvitation,
  findInvitationByToken,
  inviteMember,
  listOpenInvitations,
  revokeInvitation,
} from '@/lib/data/invitations';
import { findMembership } from '@/lib/data/memberships';
import { listMembers } from '@/lib/data/members';
import { createAccount } from '@/lib/data/users';
import { hashSecret } from '@/lib/domain/secret-hash';
import { errorCode, newTenant, uniqueEmail } from './helpers';

const PASSWORD = 'correct horse battery';

async function signUp(email = uniqueEmail('invitee')) {
  const { userId } = await createAccount({ name: 'Invitee', email, password: PASSWORD });
  return { id: userId, email };
}

async function auditActions(workspaceId: string): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.auditEvent.findMany({
    where: { workspaceId, action: { startsWith: 'member.invite' } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map((r) => r.action);
}

describe('invitation links', () => {
  it('signing up with an invited email joins nothing; the link then joins with the invited role', async () => {
    const admin = await newTenant();
    const email = uniqueEmail('new');
    const { token } = await inviteMember(admin, email, 'publisher');
    const user = await signUp(email);
    expect(await findMembership(user.id, admin.workspaceSlug), 'the sign-up alone joins nothing').toBeNull();

    const joined = await acceptInvitation(user, token);
    expect(joined.workspaceSlug).toBe(admin.workspaceSlug);
    expect((await findMembership(user.id, admin.workspaceSlug))?.role).toBe('publisher');
    expect(await listOpenInvitations(admin)).toEqual([]);
    expect(await auditActions(admin.workspaceId)).toEqual(['member.invite', 'member.invite_accept']);
  });

  it('inviting an existing user answers as for anyone and adds nobody until they accept', async () => {
    const admin = await newTenant();
    const existing = await newTenant();
    const issued = await inviteMember(admin, existing.email, 'editor');
    expect(Object.keys(issued).sort()).toEqual(['expiresAt', 'invitationId', 'token']);
    expect(await findMembership(existing.userId, admin.workspaceSlug)).toBeNull();
    expect((await listOpenInvitations(admin)).map((i) => [i.email, i.role, i.expired])).toEqual([[existing.email, 'editor', false]]);
    await acceptInvitation({ id: existing.userId, email: existing.email }, issued.token);
    expect((await findMembership(existing.userId, admin.workspaceSlug))?.role).toBe('editor');
  });

  it('stores only the sha256 of the token, and shows the link holder the workspace and role', async () => {
    const admin = await newTenant('Acme Prompts');
    const email = uniqueEmail('x');
    const { token, invitationId } = await inviteMember(admin, email, 'reviewer');
    expect(token).toMatch(/^gli_[0-9A-Za-z]{40}$/);
    const prisma = await db();
    const row = await prisma.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3600_000);
    expect(await findInvitationByToken(token)).toMatchObject({
      workspaceName: 'Acme Prompts',
      workspaceSlug: admin.workspaceSlug,
      email,
      role: 'reviewer',
      status: 'valid',
    });
    expect(await findInvitationByToken(`${token.slice(0, -1)}${token.endsWith('a') ? 'b' : 'a'}`)).toBeNull();
    expect(await findInvitationByToken('not-a-token')).toBeNull();
  });

  it('works once: a second accept, by anyone, is refused', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const { token } = await inviteMember(admin, user.email, 'viewer');
    await acceptInvitation(user, token);
    expect(await errorCode(acceptInvitation(user, token))).toBe('conflict');
    expect(await errorCode(declineInvitation(user, token))).toBe('conflict');
    expect((await findInvitationByToken(token))?.status).toBe('used');
  });

  it('two accepts at once: exactly one joins', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const { token } = await inviteMember(admin, user.email, 'viewer');
    const results = await Promise.allSettled([acceptInvitation(user, token), acceptInvitation(user, token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const prisma = await db();
    expect(await prisma.membership.count({ where: { workspaceId: admin.workspaceId, userId: user.id } })).toBe(1);
  });

  it('refuses an expired link', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const { token, invitationId } = await inviteMember(admin, user.email, 'editor');
    const prisma = await db();
    await prisma.invitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const err = await acceptInvitation(user, token).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/expired/) });
    expect(await findMembership(user.id, admin.workspaceSlug)).toBeNull();
    expect((await findInvitationByToken(token))?.status).toBe('expired');
    // Still listed for the admin, marked expired, until revoked.
    expect((await listOpenInvitations(admin)).map((i) => i.expired)).toEqual([true]);
  });

  it('refuses a revoked link, and audits the revocation', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const { token, invitationId } = await inviteMember(admin, user.email, 'editor');
    await revokeInvitation(admin, invitationId);
    const err = await acceptInvitation(user, token).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/revoked/) });
    expect(await findMembership(user.id, admin.workspaceSlug)).toBeNull();
    expect(await listOpenInvitations(admin)).toEqual([]);
    expect(await errorCode(revokeInvitation(admin, invitationId)), 'revoking twice').toBe('conflict');
    expect(await auditActions(admin.workspaceId)).toEqual(['member.invite', 'member.invite_revoke']);
  });

  it('refuses an account with another email, even holding the link', async () => {
    const admin = await newTenant();
    const { token } = await inviteMember(admin, uniqueEmail('intended'), 'admin');
    const other = await signUp();
    const err = await acceptInvitation(other, token).catch((e) => e);
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/is for intended-/) });
    expect(await errorCode(declineInvitation(other, token))).toBe('forbidden');
    expect(await findMembership(other.id, admin.workspaceSlug)).toBeNull();
    expect((await findInvitationByToken(token))?.status, 'the refusal did not use the link up').toBe('valid');
  });

  it('an unknown token is not_found (the action counts it as a guess)', async () => {
    const user = await signUp();
    expect(await errorCode(acceptInvitation(user, `gli_${'A'.repeat(40)}`))).toBe('not_found');
    expect(await errorCode(acceptInvitation(user, 'garbage'))).toBe('not_found');
  });

  it('keeps workspaces apart: another workspace cannot revoke it, and accepting joins only the inviting one', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const user = await signUp();
    const { token, invitationId } = await inviteMember(a, user.email, 'editor');
    expect(await errorCode(revokeInvitation(b, invitationId))).toBe('not_found');
    expect(await listOpenInvitations(b)).toEqual([]);
    await acceptInvitation(user, token);
    expect(await findMembership(user.id, a.workspaceSlug)).not.toBeNull();
    expect(await findMembership(user.id, b.workspaceSlug)).toBeNull();
    expect((await listMembers(b)).members.map((m) => m.email)).toEqual([b.email]);
  });

  it('a new link for the same email replaces the old one', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const first = await inviteMember(admin, user.email, 'viewer');
    const second = await inviteMember(admin, user.email, 'publisher');
    expect((await listOpenInvitations(admin)).map((i) => i.id)).toEqual([second.invitationId]);
    expect(await errorCode(acceptInvitation(user, first.token))).toBe('conflict');
    await acceptInvitation(user, second.token);
    expect((await findMembership(user.id, admin.workspaceSlug))?.role).toBe('publisher');
    expect(await auditActions(admin.workspaceId)).toEqual([
      'member.invite',
      'member.invite_revoke',
      'member.invite',
      'member.invite_accept',
    ]);
  });

  it('declining uses the link up and joins nothing', async () => {
    const admin = await newTenant();
    const user = await signUp();
    const { token } = await inviteMember(admin, user.email, 'editor');
    await declineInvitation(user, token);
    expect(await findMembership(user.id, admin.workspaceSlug)).toBeNull();
    expect(await errorCode(acceptInvitation(user, token))).toBe('conflict');
    expect(await listOpenInvitations(admin)).toEqual([]);
    expect(await auditActions(admin.workspaceId)).toEqual(['member.invite', 'member.invite_decline']);
  });

  it('refuses inviting a member, and accepting into a workspace one already belongs to', async () => {
    const admin = await newTenant();
    expect(await errorCode(inviteMember(admin, admin.email, 'viewer'))).toBe('conflict');
    const user = await signUp();
    const first = await inviteMember(admin, user.email, 'viewer');
    await acceptInvitation(user, first.token);
    expect(await errorCode(inviteMember(admin, user.email, 'editor'))).toBe('conflict');
  });
});
