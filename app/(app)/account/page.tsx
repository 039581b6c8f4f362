import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { NameForm } from '@/components/account/name-form';
import { PasswordForm } from '@/components/account/password-form';
import { SignOutEverywhereButton } from '@/components/account/sign-out-everywhere-button';
import { currentSession } from '@/lib/auth';
import { formatUtc } from '@/lib/domain/history';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const session = await currentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent('/account')}`);
  const { user, signedInAt } = session;
  return (
    <main className="mx-auto max-w-2xl space-y-8 px-4 py-12">
      <Link href="/" className="text-sm text-stone-500 hover:underline">
        ← Back to your workspaces
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="text-stone-600">{user.email}</p>
      </div>
      <section className="space-y-3" aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="text-lg font-semibold">
          Profile
        </h2>
        <NameForm name={user.name ?? ''} />
      </section>
      <section className="space-y-3" aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-lg font-semibold">
          Password
        </h2>
        <PasswordForm email={user.email} />
      </section>
      <section className="space-y-3" aria-labelledby="sessions-heading">
        <div>
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Sessions
          </h2>
          <p className="text-sm text-stone-600">
            Sessions are not kept on the server, so they cannot be listed one by one; signing out everywhere ends all of them at once.
          </p>
        </div>
        <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
          <p className="text-sm text-stone-700" data-testid="session-since">
            {signedInAt ? `This session signed in ${formatUtc(signedInAt)}.` : 'This session signed in before Galley recorded when.'}
          </p>
          <SignOutEverywhereButton />
        </div>
      </section>
    </main>
  );
}
