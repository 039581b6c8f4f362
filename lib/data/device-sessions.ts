import 'server-only';
import type { SessionUser } from '@/lib/auth';
import { DEVICE_SESSION_RETENTION_MS, shouldTouch } from '@/lib/domain/device';
import { AppError } from '@/lib/errors';
import { db } from './db';

// Signed-in devices. A session token names its row; the row is live while it has not been
// ended and was created under the user's current session version (a bump — password change,
// "sign out everywhere", removal by an admin — ends every row at once without touching them).

export interface DeviceSessionSummary {
  id: string;
  userAgent: string;
  address: string;
  createdAt: Date;
  lastSeenAt: Date;
}

const summary = { id: true, userAgent: true, address: true, createdAt: true, lastSeenAt: true } as const;

/** Records a sign-in and returns the row's id, which goes into the session token. */
export async function startDeviceSession(
  userId: string,
  device: { userAgent: string; address: string },
): Promise<{ id: string; version: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
    const row = await tx.deviceSession.create({
      data: { userId, version: user.sessionVersion, userAgent: device.userAgent.slice(0, 500), address: device.address.slice(0, 100) },
      select: { id: true },
    });
    return { id: row.id, version: user.sessionVersion };
  });
}

/**
 * The user behind a session token, if its device session is still live: one query per request
 * (the user comes with the row). Refreshes the last-active time when it is stale.
 */
export async function findLiveSessionUser(sessionId: string, userId: string) {
  const prisma = await db();
  const row = await prisma.deviceSession.findFirst({
    where: { id: sessionId, userId, endedAt: null },
    select: { version: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true, sessionVersion: true } } },
  });
  if (!row || row.version !== row.user.sessionVersion) return null;
  const now = new Date();
  if (shouldTouch(row.lastSeenAt, now)) await prisma.deviceSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  return row.user;
}

/** The user's live sessions, most recently active first. */
export async function listDeviceSessions(user: SessionUser): Promise<DeviceSessionSummary[]> {
  const prisma = await db();
  const owner = await prisma.user.findUnique({ where: { id: user.id }, select: { sessionVersion: true } });
  if (!owner) return [];
  return prisma.deviceSession.findMany({
    where: { userId: user.id, endedAt: null, version: owner.sessionVersion },
    orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }],
    select: summary,
    take: 100,
  });
}

/** Ends one of the user's own sessions (another user's id is simply not found). */
export async function endDeviceSession(user: SessionUser, sessionId: string): Promise<void> {
  const prisma = await db();
  const { count } = await prisma.deviceSession.updateMany({
    where: { id: sessionId, userId: user.id, endedAt: null },
    data: { endedAt: new Date() },
  });
  if (count === 0) throw new AppError('not_found', 'That session has already ended');
}

/** Ends every session of the user except `keepId` (the one asking). Returns how many ended. */
export async function endOtherDeviceSessions(user: SessionUser, keepId: string): Promise<number> {
  const prisma = await db();
  const { count } = await prisma.deviceSession.updateMany({
    where: { userId: user.id, endedAt: null, id: { not: keepId } },
    data: { endedAt: new Date() },
  });
  return count;
}

/** Sign-out: the token's own row ends (a token naming no live row changes nothing). */
export async function endSignedOutSession(sessionId: string, userId: string): Promise<void> {
  const prisma = await db();
  await prisma.deviceSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: new Date() } });
}

/**
 * Deletes the rows no one needs any more, once older than the retention: ended ones (kept that
 * long for the record), and live ones unseen for longer than a token lives (their token has
 * expired; this covers rows a session-version bump ended without touching, too). Returns how
 * many went. Runs from lib/startup.ts, on start and every few hours.
 */
export async function pruneDeviceSessions(now = new Date()): Promise<number> {
  const prisma = await db();
  const before = new Date(now.getTime() - DEVICE_SESSION_RETENTION_MS);
  const { count } = await prisma.deviceSession.deleteMany({
    where: { OR: [{ endedAt: { lt: before } }, { endedAt: null, lastSeenAt: { lt: before } }] },
  });
  return count;
}
