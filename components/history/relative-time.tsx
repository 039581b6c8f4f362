'use client';

import { useSyncExternalStore } from 'react';
import { formatRelativeTime } from '@/lib/domain/history';

// One shared clock for every timestamp on the page, ticking while any is mounted.
const TICK_MS = 30_000;
let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(onTick: () => void): () => void {
  listeners.add(onTick);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const listener of listeners) listener();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const clientNow = () => now;
// The server and the hydrating client both render the absolute time (0 = no clock yet), so
// their markup matches; the relative label appears once the clock subscribes after mount.
const serverNow = () => 0;

/**
 * "3 min ago", refreshed every 30 s, with the absolute UTC time in the tooltip. `absolute`
 * is formatted on the server so the browser's locale data cannot change the markup.
 */
export function RelativeTime({ iso, absolute, className }: { iso: string; absolute: string; className?: string }) {
  const current = useSyncExternalStore(subscribe, clientNow, serverNow);
  return (
    <time dateTime={iso} title={absolute} className={className}>
      {current === 0 ? absolute : formatRelativeTime(new Date(iso), new Date(current))}
    </time>
  );
}
