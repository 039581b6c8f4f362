// Regression (front door): sessions were stateless JWTs, so the account page could not list
// them and one lost laptop meant signing out everywhere. Each sign-in now records a device
// session that its token names; these are the rules the per-request check and the account
// page rely on.
import { describe, expect, it } from 'vitest';
import { signOutEverywhere } from '@/lib/data/account';
import { db } from '@/lib/data/db';
import {
  endDeviceSession,
  endOtherDeviceSessions,
  endSignedOutSession,
  findLiveSessionUser,
  listDeviceSessions,
  pruneDeviceSessions,
  startDeviceSession,
} from '@/lib/data/device-sessions';
import { DEVICE_SESSION_RETENTION_MS, LAST_SEEN_RESOLUTION_MS } from '@/lib/domain/device';
import { errorCode, newTenant } from './helpers';

const userOf = (t: { userId: string; email: string }) => ({ id: t.userId, email: t.email, name: null });
const laptop = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', address: '203.0.113.7' };
const phone = { userAgent: 'curl/8.5.0', address: '198.51.100.2' };

describe('device sessions', () => {
  it('are live from sign-in, listed for their user only, and carry the device', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const a = await startDeviceSession(t.userId, laptop);
    await startDeviceSession(other.userId, phone);
    expect(a.version).toBe(0);
    expect(await findLiveSessionUser(a.id, t.userId)).toMatchObject({ id: t.userId, email: t.email });
    expect(await findLiveSessionUser(a.id, other.userId), "another user's id never matches").toBeNull();
    const listed = await listDeviceSessions(userOf(t));
    expect(listed).toEqual([expect.objectContaining({ id: a.id, userAgent: laptop.userAgent, address: laptop.address })]);
  });

  it('end one at a time, through their owner only', async () => {
    const t = await newTenant();
    const intruder = await newTenant();
    const a = await startDeviceSession(t.userId, laptop);
    const b = await startDeviceSession(t.userId, phone);
    expect(await errorCode(endDeviceSession(userOf(intruder), a.id))).toBe('not_found');
    expect(await findLiveSessionUser(a.id, t.userId), 'a refused end changes nothing').not.toBeNull();

    await endDeviceSession(userOf(t), a.id);
    expect(await findLiveSessionUser(a.id, t.userId)).toBeNull();
    expect(await findLiveSessionUser(b.id, t.userId), 'the other device is untouched').not.toBeNull();
    expect((await listDeviceSessions(userOf(t))).map((s) => s.id)).toEqual([b.id]);
    expect(await errorCode(endDeviceSession(userOf(t), a.id)), 'ending twice says so').toBe('not_found');
  });

  it('"sign out all other sessions" keeps the asking one; signing out ends only its own', async () => {
    const t = await newTenant();
    const [a, b, c] = [
      await startDeviceSession(t.userId, laptop),
      await startDeviceSession(t.userId, phone),
      await startDeviceSession(t.userId, phone),
    ];
    expect(await endOtherDeviceSessions(userOf(t), b.id)).toBe(2);
    expect(await findLiveSessionUser(a.id, t.userId)).toBeNull();
    expect(await findLiveSessionUser(c.id, t.userId)).toBeNull();
    expect(await findLiveSessionUser(b.id, t.userId)).not.toBeNull();
    await endSignedOutSession(b.id, t.userId);
    expect(await listDeviceSessions(userOf(t))).toEqual([]);
  });

  it('all end when the session version is bumped, and a later sign-in is live again', async () => {
    const t = await newTenant();
    const before = await startDeviceSession(t.userId, laptop);
    await signOutEverywhere(userOf(t));
    expect(await findLiveSessionUser(before.id, t.userId)).toBeNull();
    expect(await listDeviceSessions(userOf(t))).toEqual([]);
    const after = await startDeviceSession(t.userId, laptop);
    expect(after.version).toBe(1);
    expect(await findLiveSessionUser(after.id, t.userId)).not.toBeNull();
    expect((await listDeviceSessions(userOf(t))).map((s) => s.id)).toEqual([after.id]);
  });

  it('write the last-active time at most once per resolution', async () => {
    const t = await newTenant();
    const a = await startDeviceSession(t.userId, laptop);
    const prisma = await db();
    const read = async () => (await prisma.deviceSession.findUniqueOrThrow({ where: { id: a.id } })).lastSeenAt.getTime();
    const recent = new Date(Date.now() - LAST_SEEN_RESOLUTION_MS / 2);
    await prisma.deviceSession.update({ where: { id: a.id }, data: { lastSeenAt: recent } });
    await findLiveSessionUser(a.id, t.userId);
    expect(await read(), 'a recent time is left alone').toBe(recent.getTime());
    const stale = new Date(Date.now() - LAST_SEEN_RESOLUTION_MS * 2);
    await prisma.deviceSession.update({ where: { id: a.id }, data: { lastSeenAt: stale } });
    await findLiveSessionUser(a.id, t.userId);
    expect(await read()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('are pruned once ended or unseen for longer than the retention, and only those', async () => {
    const t = await newTenant();
    const prisma = await db();
    const now = new Date();
    const old = new Date(now.getTime() - DEVICE_SESSION_RETENTION_MS - 60_000);
    const recent = new Date(now.getTime() - DEVICE_SESSION_RETENTION_MS + 60_000);
    const make = async (endedAt: Date | null, lastSeenAt: Date) =>
      (await prisma.deviceSession.create({ data: { userId: t.userId, version: 0, endedAt, lastSeenAt, createdAt: lastSeenAt } })).id;
    const endedLongAgo = await make(old, old);
    const unseenLongAgo = await make(null, old);
    const endedRecently = await make(recent, old);
    const seenRecently = await make(null, recent);
    const live = (await startDeviceSession(t.userId, laptop)).id;
    expect(await pruneDeviceSessions(now)).toBeGreaterThanOrEqual(2);
    const left = await prisma.deviceSession.findMany({ where: { userId: t.userId }, select: { id: true } });
    expect(left.map((r) => r.id).sort()).toEqual([endedRecently, seenRecently, live].sort());
    expect(left.map((r) => r.id)).not.toContain(endedLongAgo);
    expect(left.map((r) => r.id)).not.toContain(unseenLongAgo);
    expect(await findLiveSessionUser(live, t.userId)).toMatchObject({ id: t.userId });
  });
});
