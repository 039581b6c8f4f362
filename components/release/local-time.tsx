'use client';

import { useSyncExternalStore } from 'react';

const noop = () => () => {};

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
  const text = mounted ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' }) : utc;
  return (
    <time dateTime={iso} title={utc}>
      {text}
    </time>
  );
}
