// Admin-issued password reset links: one-time, stored hashed, an hour long, and they end the
// member's sessions. Issuing one is an admin's power over an account that may belong to other
// workspaces too, so it is refused where the link would reach past the admin's own.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { listMembers } from '@/lib/data/members';
import { findPasswordReset, issuePasswordReset, resetPassword } from '@/lib/data/password-resets';
import { createPrompt } from '@/lib/data/prompts';
import { findLoginCandidate, findUserSummary } from '@/lib/data/users';
import { hashSecret } from '@/lib/domain/secret-hash';
import { verifyPassword } from '@/lib/password';
import { errorCode, inviteAndAccept, newTenant } from './helpers';

const findSessionVersion = async (userId: string) => (await findUserSummary(userId))?.sessionVersion;

const NEW_PASSWORD = 'a fresh long secret';

/** An admin's workspace with a member who joined by link (and has an unused personal workspace). */
async function adminWithMember() {
  const admin = await newTenant();
  const member = await newTenant();
  const { membershipId } = await inviteAndAccept(admin, member, 'editor');
  return { admin, member, membershipId };
}

const passwordOf = async (email: string) => (await findLoginCandidate(email))!.passwordHash!;

describe('password reset links', () => {
  it('set the password once, end every session, and are audited where they were issued', async () => {
    const { admin, member, membershipId } = await adminWithMember();
    const { token, expiresAt } = await issuePasswordReset(admin, membershipId);
    expect(token).toMatch(/^glr_[0-9A-Za-z]{40}$/);
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
    const prisma = await db();
    const row = await prisma.passwordReset.findFirstOrThrow({ where: { userId: member.userId } });
    expect(row.tokenHash).toBe(hashSecret(token));
    expect(await findPasswordReset(token)).toEqual({ email: member.email, status: 'valid' });

    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ email: member.email });
    expect(await verifyPassword(NEW_PASSWORD, await passwordOf(member.email))).toBe(true);
    expect(await findSessionVersion(member.userId)).toBe(1);
    expect((await findPasswordReset(token))?.status).toBe('used');
    expect(await errorCode(resetPassword(token, 'yet another password'))).toBe('conflict');

    const actions = await prisma.auditEvent.findMany({
      where: { workspaceId: admin.workspaceId, action: { startsWith: 'member.password_reset' } },
      orderBy: { createdAt: 'asc' },
      select: { action: true, actorId: true },
    });
    expect(actions).toEqual([
      { action: 'member.password_reset_issue', actorId: admin.userId },
      { action: 'member.password_reset', actorId: member.userId },
    ]);
  });

  it('refuse an expired link', async () => {
    const { admin, member, membershipId } = await adminWithMember();
    const { token } = await issuePasswordReset(admin, membershipId);
    const prisma = await db();
    await prisma.passwordReset.updateMany({ where: { userId: member.userId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await findPasswordReset(token))?.status).toBe('expired');
    const err = await resetPassword(token, NEW_PASSWORD).catch((e) => e);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/expired/) });
    expect(await verifyPassword(NEW_PASSWORD, await passwordOf(member.email))).toBe(false);
    expect(await findSessionVersion(member.userId)).toBe(0);
  });

  it('a new link replaces the unused one', async () => {
    const { admin, membershipId } = await adminWithMember();
    const first = await issuePasswordReset(admin, membershipId);
    const second = await issuePasswordReset(admin, membershipId);
    expect(await findPasswordReset(first.token)).toBeNull();
    expect((await findPasswordReset(second.token))?.status).toBe('valid');
  });

  it('apply the password rules to the member’s email, and use nothing up when refused', async () => {
    const { admin, member, membershipId } = await adminWithMember();
    const { token } = await issuePasswordReset(admin, membershipId);
    const err = await resetPassword(token, member.email).catch((e) => e);
    expect(err).toMatchObject({ code: 'invalid', fieldErrors: { password: [expect.stringMatching(/email/)] } });
    expect((await findPasswordReset(token))?.status).toBe('valid');
  });

  it('unknown tokens are not_found', async () => {
    expect(await errorCode(resetPassword(`glr_${'B'.repeat(40)}`, NEW_PASSWORD))).toBe('not_found');
    expect(await errorCode(resetPassword('nonsense', NEW_PASSWORD))).toBe('not_found');
    expect(await findPasswordReset(`gli_${'B'.repeat(40)}`)).toBeNull();
  });

  it('only for a member of the admin’s own workspace, never oneself', async () => {
    const { admin } = await adminWithMember();
    const other = await newTenant();
    const otherSelf = (await listMembers(other)).members[0]!.membershipId;
    expect(await errorCode(issuePasswordReset(admin, otherSelf)), 'a membership of another workspace').toBe('not_found');
    const self = (await listMembers(admin)).members.find((m) => m.userId === admin.userId)!.membershipId;
    expect(await errorCode(issuePasswordReset(admin, self))).toBe('invalid');
  });

  // An admin of one workspace holding the link would be signed in as the member everywhere:
  // in their other teams and in their own, used workspace.
  it('refused when the member belongs to a workspace the admin does not administer', async () => {
    const { admin, member, membershipId } = await adminWithMember();
    await createPrompt(member, { name: 'Mine', slug: 'mine', description: '', tags: [] });
    const err = await issuePasswordReset(admin, membershipId).catch((e) => e);
    expect(err).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/workspaces you do not administer/) });

    const second = await adminWithMember();
    const thirdTeam = await newTenant();
    await inviteAndAccept(thirdTeam, second.member, 'viewer');
    expect(await errorCode(issuePasswordReset(second.admin, second.membershipId))).toBe('forbidden');
    const prisma = await db();
    expect(await prisma.passwordReset.count({ where: { userId: { in: [member.userId, second.member.userId] } } })).toBe(0);
  });

  it('allowed when the admin administers every workspace of the member', async () => {
    const { admin, member, membershipId } = await adminWithMember();
    const team2 = await newTenant();
    await inviteAndAccept(team2, member, 'viewer');
    await inviteAndAccept(team2, admin, 'admin');
    expect(await errorCode(issuePasswordReset(admin, membershipId))).toBe('resolved');
  });
});
