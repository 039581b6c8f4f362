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
