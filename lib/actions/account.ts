'use server';

// Authentication: every action here is an `action()` (lib/action.ts), which calls requireUser()
// before its handler runs, so a visitor is refused with 401 before anything is read.

// The signed-in user's own account; the actor is always the session's user. A wrong current
// password counts as a failed sign-in (per account and address), so the password form is no
// way around the sign-in throttle.

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { currentSession } from '@/lib/auth';
import {
  changePassword as changePasswordData,
  signOutEverywhere as signOutEverywhereData,
  updateName as updateNameData,
  WrongPasswordError,
} from '@/lib/data/account';
import { endDeviceSession, endOtherDeviceSessions } from '@/lib/data/device-sessions';
import { AppError } from '@/lib/errors';
import { clientAddress } from '@/lib/request-context';
import {
  changePasswordSchema,
  endOtherSessionsSchema,
  endSessionSchema,
  signOutEverywhereSchema,
  updateNameSchema,
} from '@/lib/schemas/account';
import { assertMayAttempt, recordFailedSignIn } from '@/lib/sign-in-throttle';

export const updateName = action(updateNameSchema, async ({ name }, user) => {
  await updateNameData(user, name);
  revalidatePath('/', 'layout');
  return null;
});

/** Ends every session, this one included; the client signs in again with the new password. */
export const changePassword = action(changePasswordSchema, async (input, user) => {
  const address = await clientAddress();
  assertMayAttempt(user.email, address);
  try {
    await changePasswordData(user, input);
  } catch (e) {
    if (e instanceof WrongPasswordError) recordFailedSignIn(user.email, address);
    throw e;
  }
  return null;
});

/** Ends every session of the user, this one included (the client then clears its cookie). */
export const signOutEverywhere = action(signOutEverywhereSchema, async (_input, user) => {
  await signOutEverywhereData(user);
  return null;
});

/** Signs one of the user's devices out; its next request finds no session. */
export const endSession = action(endSessionSchema, async ({ sessionId }, user) => {
  await endDeviceSession(user, sessionId);
  revalidatePath('/account');
  return null;
});

/** Signs out every device but this one. */
export const endOtherSessions = action(endOtherSessionsSchema, async (_input, user) => {
  const session = await currentSession();
  if (!session?.sessionId)
    throw new AppError('invalid', 'This browser signed in before Galley recorded devices; use "Sign out everywhere" instead');
  const ended = await endOtherDeviceSessions(user, session.sessionId);
  revalidatePath('/account');
  return { ended };
});
