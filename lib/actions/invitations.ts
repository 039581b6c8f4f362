'use server';

// Authentication: every action here is an `action()` (lib/action.ts), which calls requireUser()
// before its handler runs, so a visitor is refused with 401 before anything is read.

// Answering an invitation belongs to no workspace yet: the signed-in user presents the link's
// token, and lib/data checks it (valid, and issued for this user's email) in the transaction
// that answers it. Tokens that match nothing count against the client's address.

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { acceptInvitation as acceptData, declineInvitation as declineData } from '@/lib/data/invitations';
import { clientAddress } from '@/lib/request-context';
import { answerInvitationSchema } from '@/lib/schemas/account';
import { throttledTokenUse } from '@/lib/sign-in-throttle';

export const acceptInvitation = action(answerInvitationSchema, async ({ token }, user) => {
  const joined = await throttledTokenUse(await clientAddress(), () => acceptData(user, token));
  revalidatePath('/', 'layout');
  return { workspaceSlug: joined.workspaceSlug, membershipId: joined.membershipId };
});

export const declineInvitation = action(answerInvitationSchema, async ({ token }, user) => {
  await throttledTokenUse(await clientAddress(), () => declineData(user, token));
  return null;
});
