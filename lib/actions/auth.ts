'use server';

import { publicAction } from '@/lib/action';
import { resetPassword as resetPasswordData } from '@/lib/data/password-resets';
import { createAccount } from '@/lib/data/users';
import { isAppError } from '@/lib/errors';
import { clientAddress } from '@/lib/request-context';
import { resetPasswordSchema, signUpSchema } from '@/lib/schemas/auth';
import { assertMayAttempt, recordFailedByAddress, throttledTokenUse } from '@/lib/sign-in-throttle';

// Creating an account is the one thing a visitor may do, so there is nothing to authorize;
// the account starts with only its own personal workspace. A refused sign-up (the email is
// taken) counts against the client's address like a failed sign-in: it is how an attacker
// would probe which emails have accounts.
export const signUp = publicAction(signUpSchema, async (input) => {
  const address = await clientAddress();
  assertMayAttempt(null, address);
  try {
    const account = await createAccount(input);
    return { workspaceSlug: account.workspaceSlug };
  } catch (e) {
    if (isAppError(e) && e.code === 'invalid') recordFailedByAddress(address);
    throw e;
  }
});

// Setting a password through a reset link: the token is the authorization (lib/data checks it
// is valid and uses it once). A token that matches nothing counts against the address.
export const resetPassword = publicAction(resetPasswordSchema, async ({ token, password }) =>
  throttledTokenUse(await clientAddress(), () => resetPasswordData(token, password)),
);
