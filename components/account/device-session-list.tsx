'use client';

import { useState } from 'react';
import { endOtherSessions, endSession } from '@/lib/actions/account';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export interface DeviceRow {
  id: string;
  device: string;
  address: string;
  signedIn: string;
  lastActive: string;
}

/** The account's signed-in devices: sign one out, or every one but this. */
export function DeviceSessionList({ rows, currentId }: { rows: DeviceRow[]; currentId: string | null }) {
  const [notice, setNotice] = useState<string | null>(null);
  const one = useAction(endSession, { onSuccess: () => setNotice('Signed out.') });
  const others = useAction(endOtherSessions, {
    onSuccess: ({ ended }) => setNotice(ended === 1 ? '1 other session signed out.' : `${ended} other sessions signed out.`),
  });
  const hasOthers = rows.some((r) => r.id !== currentId);
  return (
    <div className="space-y-3">
      <FormError message={one.error ?? others.error} />
      <ul className="divide-y divide-stone-100" aria-label="Signed-in devices">
        {rows.map((row) => (
          <li key={row.id} className="flex items-center justify-between gap-3 py-2" data-testid="device-session">
            <div className="min-w-0">
              <p className="flex items-center gap-2 text-sm font-medium text-stone-800">
                {row.device}
                {row.id === currentId && <Badge tone="green">This browser</Badge>}
              </p>
              <p className="text-xs text-stone-500">
                {row.address && `${row.address} · `}signed in {row.signedIn} · last active {row.lastActive}
              </p>
            </div>
            {row.id !== currentId && (
              <Button
                variant="secondary"
                size="sm"
                disabled={one.pending}
                onClick={() => one.run({ sessionId: row.id })}
                aria-label={`Sign out ${row.device}, signed in ${row.signedIn}`}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        {hasOthers && (
          <Button variant="secondary" disabled={others.pending} onClick={() => others.run({})}>
            {others.pending ? 'Signing out…' : 'Sign out all other sessions'}
          </Button>
        )}
        {notice && (
          <p role="status" className="text-sm text-emerald-700">
            {notice}
          </p>
        )}
      </div>
    </div>
  );
}
