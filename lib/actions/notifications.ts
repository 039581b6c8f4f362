'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context (and only ever
// touches the signed-in person's own notifications and follows).

import { workspaceAction } from '@/lib/action';
import { markAllNotificationsRead, markNotificationRead, setFollow } from '@/lib/data/notifications';
import { followSchema, notificationSchema, workspaceOnlySchema } from '@/lib/schemas/webhook';
import { revalidateWorkspace } from './revalidate';

export const markRead = workspaceAction(notificationSchema, 'notification.read', async ({ notificationId }, ctx) => {
  await markNotificationRead(ctx, notificationId);
  revalidateWorkspace(ctx);
  return null;
});

export const markAllRead = workspaceAction(workspaceOnlySchema, 'notification.read', async (_input, ctx) => {
  const count = await markAllNotificationsRead(ctx);
  revalidateWorkspace(ctx);
  return { count };
});

export const followPrompt = workspaceAction(followSchema, 'prompt.follow', async ({ promptId, follow }, ctx) => {
  await setFollow(ctx, promptId, follow);
  revalidateWorkspace(ctx);
  return { following: follow };
});
