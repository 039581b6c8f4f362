// The inbox: notifications written by the outbox (lib/data/outbox.ts), read and marked read by
// their own person only, and prompt follows (who hears of a prompt's releases).
import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import type { NotificationKind } from '@/lib/domain/webhooks/events';
import { AppError } from '@/lib/errors';
import { db } from './db';

export interface NotificationDTO {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string;
  createdAt: Date;
  read: boolean;
}

export async function countUnread(ctx: WorkspaceContext): Promise<number> {
  return (await db()).notification.count({ where: { userId: ctx.userId, workspaceId: ctx.workspaceId, readAt: null } });
}

export async function listNotifications(ctx: WorkspaceContext, limit = 100): Promise<NotificationDTO[]> {
  const rows = await (
    await db()
  ).notification.findMany({
    where: { userId: ctx.userId, workspaceId: ctx.workspaceId },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, kind: true, title: true, link: true, createdAt: true, readAt: true },
  });
  return rows.map(({ readAt, kind, ...r }) => ({ ...r, kind: kind as NotificationKind, read: readAt !== null }));
}

export async function markNotificationRead(ctx: WorkspaceContext, notificationId: string): Promise<void> {
  assertCan(ctx, 'notification.read');
  const { count } = await (
    await db()
  ).notification.updateMany({
    where: { id: notificationId, userId: ctx.userId, workspaceId: ctx.workspaceId },
    data: { readAt: new Date() },
  });
  if (!count) throw new AppError('not_found', 'Notification not found');
}

export async function markAllNotificationsRead(ctx: WorkspaceContext): Promise<number> {
  assertCan(ctx, 'notification.read');
  const { count } = await (
    await db()
  ).notification.updateMany({
    where: { userId: ctx.userId, workspaceId: ctx.workspaceId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

export async function isFollowing(ctx: WorkspaceContext, promptId: string): Promise<boolean> {
  return Boolean(
    await (await db()).promptFollow.findUnique({ where: { userId_promptId: { userId: ctx.userId, promptId } }, select: { userId: true } }),
  );
}

export async function setFollow(ctx: WorkspaceContext, promptId: string, follow: boolean): Promise<void> {
  assertCan(ctx, 'prompt.follow');
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { id: true } });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  if (follow) {
    await prisma.promptFollow.upsert({
      where: { userId_promptId: { userId: ctx.userId, promptId } },
      create: { userId: ctx.userId, promptId },
      update: {},
    });
  } else {
    await prisma.promptFollow.deleteMany({ where: { userId: ctx.userId, promptId } });
  }
}
