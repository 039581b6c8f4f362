'use client';

// The parts that the lists of shown-once credentials (API keys, service tokens) share: a moment
// or "Never", and the Revoke button that asks before it acts.
import { RelativeTime } from '@/components/history/relative-time';
import { Button } from '@/components/ui/button';

/** A moment as the server formatted it, so the client's locale data cannot change the markup. */
export interface Moment {
  iso: string;
  absolute: string;
}

export function MomentOrNever({ at }: { at: Moment | null }) {
  return at ? <RelativeTime iso={at.iso} absolute={at.absolute} /> : <span className="text-stone-500">Never</span>;
}

/** Revoke, then "Cancel / Revoke <name>" with what revoking does; `confirming` is lifted so one row asks at a time. */
export function RevokeControl({
  name,
  what,
  confirming,
  pending,
  onAsk,
  onCancel,
  onRevoke,
}: {
  name: string;
  /** "key" or "token": "Requests with this key will fail at once." */
  what: string;
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onRevoke: () => void;
}) {
  if (!confirming) {
    return (
      <Button variant="danger" size="sm" onClick={onAsk} disabled={pending}>
        Revoke
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm revoking ${name}`} className="flex flex-col items-end gap-1.5">
      <p className="text-xs text-stone-700">Requests with this {what} will fail at once. This cannot be undone.</p>
      <div className="flex gap-2">
        <Button variant="ghost" size="sm" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button variant="danger" size="sm" onClick={onRevoke} disabled={pending}>
          {pending ? 'Revoking…' : `Revoke ${name}`}
        </Button>
      </div>
    </div>
  );
}
