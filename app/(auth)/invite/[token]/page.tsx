import type { Metadata } from 'next';
import Link from 'next/link';
import { InvitationAnswer } from '@/components/invitations/invitation-answer';
import { LinkProblem } from '@/components/auth/link-problem';
import { SignOutButton } from '@/components/layout/sign-out-button';
import { buttonClass } from '@/components/ui/button';
import { auth } from '@/lib/auth';
import { isInvitee } from '@/lib/authz-rules';
import { findInvitationByToken } from '@/lib/data/invitations';
import { findMembership } from '@/lib/data/memberships';
import { formatUtc } from '@/lib/domain/history';
import { tokenPath, tokenRefusal } from '@/lib/domain/one-time-token';
import { lookUpLinkToken } from '@/lib/page-context';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

// The invitation link. Anyone holding it sees which workspace and role it offers; only the
// account with the invited email may accept or decline it (checked again by the action).
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const lookup = await lookUpLinkToken(() => findInvitationByToken(token));
  if ('throttled' in lookup) return <LinkProblem title="Too many attempts" message={lookup.throttled} />;
  const invitation = lookup.found;
  if (!invitation) {
    return <LinkProblem title="Invitation not found" message="This invitation link is not valid. Check that you copied all of it." />;
  }
  const here = tokenPath('invitation', token);
  const user = await auth();
  const member = user && (await findMembership(user.id, invitation.workspaceSlug));
  const { workspaceName, role, email } = invitation;

  return (
    <div className="space-y-4" data-testid="invitation">
      <h1 className="text-xl font-semibold">Join {workspaceName}</h1>
      <p className="text-sm text-stone-700">
        {invitation.invitedBy ?? 'An admin'} invited <strong>{email}</strong> to the workspace <strong>{workspaceName}</strong> as{' '}
        <strong data-testid="invitation-role">{role}</strong>.
      </p>
      {member ? (
        <>
          <p className="text-sm text-stone-700">You are already a member of {workspaceName}.</p>
          <Link href={`/w/${invitation.workspaceSlug}`} className={buttonClass()}>
            Open {workspaceName}
          </Link>
        </>
      ) : invitation.status !== 'valid' ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {tokenRefusal(invitation.status, 'invitation')}
        </p>
      ) : !user ? (
        <>
          <p className="text-sm text-stone-700">Sign in with {email} to answer it, or create an account with that email first.</p>
          <div className="flex flex-wrap gap-2">
            <Link href={`/login?next=${encodeURIComponent(here)}`} className={buttonClass()}>
              Sign in to accept
            </Link>
            <Link href={`/signup?next=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`} className={buttonClass('secondary')}>
              Create an account
            </Link>
          </div>
          <p className="text-xs text-stone-500">The link works until {formatUtc(invitation.expiresAt)}.</p>
        </>
      ) : !isInvitee(user.email, email) ? (
        <>
          <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You are signed in as {user.email}, but this invitation is for {email}. Sign out, then sign in with {email} to answer it.
          </p>
          <SignOutButton callbackUrl={`/login?next=${encodeURIComponent(here)}`} />
        </>
      ) : (
        <InvitationAnswer token={token} workspaceName={workspaceName} role={role} />
      )}
    </div>
  );
}
