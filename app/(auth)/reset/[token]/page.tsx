import type { Metadata } from 'next';
import { LinkProblem } from '@/components/auth/link-problem';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { findPasswordReset } from '@/lib/data/password-resets';
import { tokenRefusal } from '@/lib/domain/one-time-token';
import { isAppError } from '@/lib/errors';
import { clientAddress } from '@/lib/request-context';
import { throttledTokenUse } from '@/lib/sign-in-throttle';

export const metadata: Metadata = { title: 'Set a new password', referrer: 'no-referrer' };

// A password reset link an admin issued. Whoever holds it may set the password once (the
// action checks the token again); the page shows whose password that is.
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let reset;
  try {
    reset = await throttledTokenUse(await clientAddress(), () => findPasswordReset(token));
  } catch (e) {
    if (isAppError(e) && e.code === 'rate_limited') return <LinkProblem title="Too many attempts" message={e.message} />;
    throw e;
  }
  if (!reset) return <LinkProblem title="Reset link not found" message="This reset link is not valid. Check that you copied all of it." />;
  if (reset.status !== 'valid') return <LinkProblem title="Reset link not usable" message={tokenRefusal(reset.status, 'reset link')} />;
  return <ResetPasswordForm token={token} email={reset.email} />;
}
