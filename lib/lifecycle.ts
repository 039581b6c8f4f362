// Where this process is in its life, for the readiness check (lib/data/readiness.ts): start-up
// (lib/startup.ts) marks it started once the database is migrated and the read API is handed
// over; the server (server.ts) marks it stopping when a shutdown signal arrives.
import { singleton } from './singleton';

export interface Lifecycle {
  started: boolean;
  stopping: boolean;
}

export function lifecycle(): Lifecycle {
  return singleton<Lifecycle>('Lifecycle', () => ({ started: false, stopping: false }));
}
