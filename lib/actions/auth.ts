'use server';

import { publicAction } from '@/lib/action';
import { createAccount } from '@/lib/data/users';
import { signUpSchema } from '@/lib/schemas/auth';

// Creating an account is the one thing a visitor may do, so there is nothing to authorize;
// the account starts with only its own personal workspace.
export const signUp = publicAction(signUpSchema, async (input) => {
  const account = await createAccount(input);
  return { workspaceSlug: account.workspaceSlug };
});
