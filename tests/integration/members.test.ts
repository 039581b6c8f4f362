import { describe, expect, it } from 'vitest';
import { db } from '@/lib/data/db';
import { changeRole, listMembers, removeMember } from '@/lib/data/members';
import { createAccount } from '@/lib/data/users';
import { errorCode, inviteAndAccept, newTenant, uniqueEmail } from './helpers';

describe('members and roles', () => {
  it('never leaves a workspace without an admin', async () => {
    const admin = await newTenant();
    const { members } = await listMembers(admin);
    const self = members[0]!;
    expect(await errorCode(changeRole(admin, self.membershipId, 'viewer'))).toBe('conflict');
    expect(await errorCode(removeMember(admin, self.membershipId))).toBe('conflict');
    expect((await listMembers(admin)).members[0]!.role).toBe('admin');

    const other = await newTenant();
    await inviteAndAccept(admin, other, 'admin');
    await changeRole(admin, self.membershipId, 'publisher');
    const roles = (await listMembers(admin)).members.map((m) => m.role).sort();
    expect(roles).toEqual(['admin', 'publisher']);
  });

  it('two admins demoting each other at once: exactly one succeeds', async () => {
    const a = await newTenant();
    const b = await newTenant();
    await inviteAndAccept(a, b, 'admin');
    const { members } = await listMembers(a);
    const ma = members.find((m) => m.email === a.email)!;
    const mb = members.find((m) => m.email === b.email)!;
    const bCtx = { ...a, userId: b.userId };
    const results = await Promise.allSettled([changeRole(a, mb.membershipId, 'viewer'), changeRole(bCtx, ma.membershipId, 'viewer')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const prisma = await db();
    expect(await prisma.membership.count({ where: { workspaceId: a.workspaceId, role: 'admin' } })).toBe(1);
  });

  it('audits role changes with before and after', async () => {
    const admin = await newTenant();
    const other = await newTenant();
    const added = await inviteAndAccept(admin, other, 'viewer');
    await changeRole(admin, added.membershipId, 'publisher');
    const prisma = await db();
    const event = await prisma.auditEvent.findFirst({
      where: { workspaceId: admin.workspaceId, action: 'member.role_change' },
      select: { data: true, actorId: true },
    });
    expect(event?.actorId).toBe(admin.userId);
    expect(event?.data).toMatchObject({ from: 'viewer', to: 'publisher', email: other.email });
  });

  it('cannot change a membership of another workspace', async () => {
    const a = await newTenant();
    const b = await newTenant();
    const { members } = await listMembers(b);
    expect(await errorCode(changeRole(a, members[0]!.membershipId, 'viewer'))).toBe('not_found');
    expect((await listMembers(b)).members[0]!.role).toBe('admin');
  });
});

describe('sign-up', () => {
  // Regression: concurrent sign-ups with the same name raced for the same workspace slug
  // (check-then-insert) and one failed with a unique violation on PostgreSQL.
  it('gives concurrent sign-ups with one name distinct workspaces', async () => {
    const accounts = await Promise.all(
      Array.from({ length: 6 }, () => createAccount({ name: 'Same Name', email: uniqueEmail('twin'), password: 'correct horse battery' })),
    );
    expect(new Set(accounts.map((a) => a.workspaceSlug)).size).toBe(6);
  });

  it('refuses a second account for one email with a field error', async () => {
    const email = uniqueEmail('dup');
    await createAccount({ name: 'First', email, password: 'correct horse battery' });
    const err = await createAccount({ name: 'Second', email, password: 'correct horse battery' }).catch((e) => e);
    expect(err.code).toBe('invalid');
    expect(err.fieldErrors.email[0]).toMatch(/could not create an account/);
    expect(err.message).not.toMatch(/exists/);
  });
});
