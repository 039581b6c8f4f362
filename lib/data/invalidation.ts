// The invalidation bus for the read API's in-process cache. It lives on globalThis because
// the custom server and Next's bundle load separate copies of this module; on PostgreSQL
// events also go out over NOTIFY so other app instances drop their entries too
// (see lib/api/cache-sync.ts).
import { singleton } from '@/lib/singleton';

export type Invalidation =
  { type: 'prompt'; workspaceId: string; slug: string } | { type: 'workspace'; workspaceId: string } | { type: 'key'; hash: string };

type Listener = (event: Invalidation, origin: 'local' | 'remote') => void;

interface Bus {
  listeners: Set<Listener>;
  /** Set by the PostgreSQL sync: forwards local events to other instances. */
  forward?: (event: Invalidation) => void;
}

export function bus(): Bus {
  return singleton<Bus>('Bus', () => ({ listeners: new Set() }));
}

export function onInvalidation(listener: Listener): () => void {
  bus().listeners.add(listener);
  return () => bus().listeners.delete(listener);
}

/** Call after the change has committed. */
export function emitInvalidation(event: Invalidation, origin: 'local' | 'remote' = 'local'): void {
  const b = bus();
  for (const l of b.listeners) l(event, origin);
  if (origin === 'local') b.forward?.(event);
}
