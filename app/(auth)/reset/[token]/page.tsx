import type { Metadata } from 'next';
import { LinkProblem } from '@/components/auth/link-problem';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { findPasswordReset } from '@/lib/data/password-resets';
import { tokenRefusal } from '@/lib/domain/one-time-token';
import { lookUpLinkToken } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Set a new password', referrer: 'no-referrer' };

// A password reset link an admin issued. Whoever holds it may set the password once (the
// action checks the token again); the page shows whose password that is.
export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const lookup = await lookUpLinkToken(() => findPasswordReset(token));
  if ('throttled' in lookup) return <LinkProblem title="Too many attempts" message={lookup.throttled} />;
  const reset = lookup.found;
  if (!reset) return <LinkProblem title="Reset link not found" message="This reset link is not valid. Check that you copied all of it." />;
  if (reset.status !== 'valid') return <LinkProblem title="Reset link not usable" message={tokenRefusal(reset.status, 'reset link')} />;
  return <ResetPasswordForm token={token} email={reset.email} />;
}
