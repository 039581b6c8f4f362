// Runs executing in this process, by run id: their AbortController (cancel) and the promise
// of their background work (tests wait on it). Kept on globalThis because the custom
// server and Next's bundle load separate copies of this module.
import { singleton } from '@/lib/singleton';

export interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

export function activeRuns(): Map<string, ActiveRun> {
  return singleton('ActiveRuns', () => new Map<string, ActiveRun>());
}

/** When this process started: no run created before then can be executing in it. */
export function processStartedAt(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}
