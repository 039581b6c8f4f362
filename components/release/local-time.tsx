'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};
const FORMAT: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
};

/**
 * A UTC instant shown in the reader's time zone. The server (and the hydrating client) render
 * the UTC text so their markup matches; the local text replaces it after mount.
 */
export function LocalTime({ iso, utc }: { iso: string; utc: string }) {
  const mounted = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError), so the parts are named.
  const text = mounted ? new Date(iso).toLocaleString(undefined, FORMAT) : utc;
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
