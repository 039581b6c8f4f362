// Runs executing in this process, by run id: their AbortController (cancel) and the promise
// of their background work (tests wait on it). Kept on globalThis because the custom
// server and Next's bundle load separate copies of this module.
export interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

const holder = globalThis as { __galleyActiveRuns?: Map<string, ActiveRun> };

export function activeRuns(): Map<string, ActiveRun> {
  holder.__galleyActiveRuns ??= new Map();
  return holder.__galleyActiveRuns;
}

/** When this process started: no run created before then can be executing in it. */
export function processStartedAt(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}
