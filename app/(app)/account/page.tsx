import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { DeviceSessionList } from '@/components/account/device-session-list';
import { NameForm } from '@/components/account/name-form';
import { PasswordForm } from '@/components/account/password-form';
import { SignOutEverywhereButton } from '@/components/account/sign-out-everywhere-button';
import { currentSession } from '@/lib/auth';
import { listDeviceSessions } from '@/lib/data/device-sessions';
import { describeDevice } from '@/lib/domain/device';
import { formatUtc } from '@/lib/domain/history';

export const metadata: Metadata = { title: 'Your account' };

export default async function AccountPage() {
  const session = await currentSession();
  if (!session) redirect(`/login?next=${encodeURIComponent('/account')}`);
  const { user, signedInAt, sessionId } = session;
  const devices = (await listDeviceSessions(user)).map((d) => ({
    id: d.id,
    device: describeDevice(d.userAgent),
    address: d.address === 'unknown' ? '' : d.address,
    signedIn: formatUtc(d.createdAt),
    lastActive: formatUtc(d.lastSeenAt),
  }));
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
            Every browser and device signed in to this account. Signing one out ends its session at its next request.
          </p>
        </div>
        <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
          <p className="text-sm text-stone-700" data-testid="session-since">
            {signedInAt ? `This session signed in ${formatUtc(signedInAt)}.` : 'This session signed in before Galley recorded when.'}
          </p>
          <DeviceSessionList rows={devices} currentId={sessionId} />
        </div>
        <div className="space-y-3 rounded-xl border border-stone-200 bg-white p-4">
          <SignOutEverywhereButton />
        </div>
      </section>
    </main>
  );
}
