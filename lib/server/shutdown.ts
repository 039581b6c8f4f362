// Graceful shutdown on SIGTERM (a supervisor stopping the service) and SIGINT (Ctrl-C): stop
// accepting connections, let the requests in flight finish (at most `drainMs`), close what
// is left, stop background work and close the database (which releases the embedded
// database's directory lock), flush the logs, exit 0. A second signal exits at once.
import type { Server } from 'node:http';
import type { Logger } from 'pino';

export interface ShutdownPlan {
  server: Server;
  /** Requests being answered right now. */
  inFlight: () => number;
  /** How long requests in flight may take to finish before their connections are closed. */
  drainMs: number;
  /** Runs first: from here on responses close their connection and readiness answers 503. */
  onStopping: () => void;
  /** Stops background work and closes the database. */
  stopServices: () => Promise<void>;
  log: Logger;
  flush: () => Promise<void>;
}

/** Grace beyond `drainMs` for closing the database and flushing logs, then the process exits anyway. */
const STOP_GRACE_MS = 1500;

function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const end = Date.now() + timeoutMs;
    const check = () => {
      if (done()) return resolve(true);
      if (Date.now() >= end) return resolve(false);
      setTimeout(check, 20);
    };
    check();
  });
}

export async function shutDown(plan: ShutdownPlan, signal: string): Promise<number> {
  const started = Date.now();
  const { server, log } = plan;
  setTimeout(() => {
    log.error({ signal }, 'shutdown did not finish in time; exiting');
    process.exit(1);
  }, plan.drainMs + STOP_GRACE_MS).unref();
  log.info({ signal, inFlight: plan.inFlight() }, 'shutting down: finishing the requests in flight');
  plan.onStopping();
  server.close();
  server.closeIdleConnections();
  if (!(await until(() => plan.inFlight() === 0, plan.drainMs))) {
    log.warn({ inFlight: plan.inFlight(), drainMs: plan.drainMs }, 'closing the connections of requests still running');
  }
  server.closeAllConnections();
  let code = 0;
  try {
    await plan.stopServices();
  } catch (e) {
    log.error({ err: e }, 'could not close the database cleanly');
    code = 1;
  }
  log.info({ ms: Date.now() - started }, 'stopped');
  await plan.flush();
  return code;
}

export function handleShutdownSignals(plan: ShutdownPlan): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      plan.log.warn({ signal }, 'second signal: exiting without waiting');
      void plan.flush().finally(() => process.exit(1));
      return;
    }
    stopping = true;
    void shutDown(plan, signal).then((code) => process.exit(code));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
