// Regression (front door, finding 4): a session cookie copied before sign-out worked for the
// whole 30-day JWT lifetime; nothing could end it. Every token now carries the user's session
// version from sign-in (lib/auth.ts compares it on each request), and these are the changes
// that bump it. The e2e spec (e2e/account.spec.ts) shows a copied cookie stop working.
import { describe, expect, it } from 'vitest';
import { changePassword, signOutEverywhere, updateName } from '@/lib/data/account';
import { listMembers, removeMember } from '@/lib/data/members';
import { findLoginCandidate, findUserSummary } from '@/lib/data/users';
import { verifyPassword } from '@/lib/password';
import { errorCode, inviteAndAccept, newTenant } from './helpers';

const PASSWORD = 'correct horse battery';
const findSessionVersion = async (userId: string) => (await findUserSummary(userId))?.sessionVersion;
const userOf = (t: { userId: string; email: string }) => ({ id: t.userId, email: t.email, name: null });

describe('session versions', () => {
  it('start at 0 and are what the per-request check reads', async () => {
    const t = await newTenant();
    expect(await findSessionVersion(t.userId)).toBe(0);
    expect((await findUserSummary(t.userId))?.sessionVersion).toBe(0);
  });

  it('"sign out everywhere" bumps the version', async () => {
    const t = await newTenant();
    await signOutEverywhere(userOf(t));
    await signOutEverywhere(userOf(t));
    expect(await findSessionVersion(t.userId)).toBe(2);
  });

  it('a password change needs the current password, then sets the new one and bumps the version', async () => {
    const t = await newTenant();
    const wrong = await changePassword(userOf(t), { currentPassword: 'not the password', newPassword: 'a brand new secret' }).catch(
      (e) => e,
    );
    expect(wrong).toMatchObject({ code: 'invalid', fieldErrors: { currentPassword: [expect.stringMatching(/not correct/)] } });
    expect(await findSessionVersion(t.userId), 'a refused change ends nothing').toBe(0);

    await changePassword(userOf(t), { currentPassword: PASSWORD, newPassword: 'a brand new secret' });
    const stored = (await findLoginCandidate(t.email))!.passwordHash!;
    expect(await verifyPassword('a brand new secret', stored)).toBe(true);
    expect(await verifyPassword(PASSWORD, stored)).toBe(false);
    expect(await findSessionVersion(t.userId)).toBe(1);
  });

  it('refuses a new password that breaks the rules, with a field error, and changes nothing', async () => {
    const t = await newTenant();
    const localPart = t.email.split('@')[0]!;
    expect(localPart.length).toBeGreaterThanOrEqual(10);
    for (const newPassword of [t.email, t.email.toUpperCase(), localPart, 'Password123', 'short']) {
      const err = await changePassword(userOf(t), { currentPassword: PASSWORD, newPassword }).catch((e) => e);
      expect(err, newPassword).toMatchObject({ code: 'invalid', fieldErrors: { newPassword: [expect.any(String)] } });
    }
    expect(await verifyPassword(PASSWORD, (await findLoginCandidate(t.email))!.passwordHash!)).toBe(true);
    expect(await findSessionVersion(t.userId)).toBe(0);
  });

  it("an admin's removal bumps the removed member's version, and nobody else's", async () => {
    const admin = await newTenant();
    const member = await newTenant();
    const { membershipId } = await inviteAndAccept(admin, member, 'editor');
    await removeMember(admin, membershipId);
    expect(await findSessionVersion(member.userId)).toBe(1);
    expect(await findSessionVersion(admin.userId)).toBe(0);
    expect((await listMembers(admin)).members.map((m) => m.email)).toEqual([admin.email]);
  });

  it('a refused removal (the last admin) bumps nothing', async () => {
    const admin = await newTenant();
    const self = (await listMembers(admin)).members[0]!;
    expect(await errorCode(removeMember(admin, self.membershipId))).toBe('conflict');
    expect(await findSessionVersion(admin.userId)).toBe(0);
  });
});

describe('profile', () => {
  it('renames the user', async () => {
    const t = await newTenant();
    await updateName(userOf(t), 'Ada Lovelace');
    expect((await findUserSummary(t.userId))?.name).toBe('Ada Lovelace');
  });
});
