// Every response the custom server sends is measured and logged here: its request id (kept
// from a sane X-Request-Id, else generated, and echoed in the response), a metric observation
// by route label and status, and one log line. A request answered asynchronously runs inside
// its RequestScope, so an unexpected error logged while serving it names the request, and
// the request's line names the error.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger, requestScope, type RequestScope } from '../log';
import { observeHttp } from '../metrics';
import { requestIdOf, routeLabel, type RouteLabel } from './request-labels';

export interface ServedRequest extends RequestScope {
  method: string;
  route: RouteLabel;
  started: number;
}

/** Status recorded for a request whose client went away before the response was complete. */
export const CLIENT_CLOSED = 499;

/** The request's label and id. The response echoes the id: echoRequestId, or the warm path's prebuilt headers. */
export function beginRequest(req: IncomingMessage): ServedRequest {
  const requestId = requestIdOf(req.headers['x-request-id']);
  return {
    requestId,
    method: req.method ?? 'GET',
    route: routeLabel(req.method, req.url, req.headers['next-action']),
    started: performance.now(),
  };
}

export function echoRequestId(res: ServerResponse, served: ServedRequest): void {
  res.setHeader('x-request-id', served.requestId);
}

/**
 * Observes the response and writes its line. A warm read-API success (200 or 304, answered
 * from the cache) is written at debug, not info: that path serves thousands of requests a
 * second, and a log line per request more than doubled its CPU cost (`npm run bench:api`);
 * its metrics still count every one, and its errors (401, 404, …) are still logged. A warm
 * refusal (429) is written at debug too: lib/api/refusals.ts writes one line per key per
 * second saying how many it refused, so refusing costs no more than serving.
 */
export function endRequest(served: ServedRequest, status: number, warm = false): void {
  const seconds = (performance.now() - served.started) / 1000;
  observeHttp(served.route, status, seconds);
  const level = warm && (status === 200 || status === 304 || status === 429) ? 'debug' : 'info';
  const log = logger();
  if (!log.isLevelEnabled(level)) return;
  log[level](
    {
      requestId: served.requestId,
      method: served.method,
      route: served.route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ...(served.errorId && { errorId: served.errorId }),
    },
    'request',
  );
}

/**
 * Runs `serve` inside the request's scope and records the response when its connection is
 * done with it. `inFlight` counts such requests for the graceful shutdown.
 */
export function observeUntilClosed(served: ServedRequest, res: ServerResponse, inFlight: { count: number }, serve: () => unknown): void {
  inFlight.count++;
  res.once('close', () => {
    inFlight.count--;
    endRequest(served, res.writableFinished ? res.statusCode : CLIENT_CLOSED);
  });
  requestScope().run(served, serve);
}
