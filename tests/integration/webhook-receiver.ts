// A real HTTP receiver on 127.0.0.1 for webhook tests. Every request is verified with the
// `standardwebhooks` package (a verifier nobody here wrote) against the secrets it is given.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  body: string;
  headers: Record<string, string>;
  verified: boolean;
  at: number;
}

type Reply = (req: { id: string; n: number }) => { status?: number; delayMs?: number; raw?: string } | undefined;

export async function startReceiver(opts: { secrets?: string[]; reply?: Reply } = {}) {
  const received: Received[] = [];
  /** Requests that arrived, answered or not (ids in arrival order). */
  const seen: string[] = [];
  const inFlight = new Map<string, number>();
  let maxConcurrentPerId = 0;
  const secrets = opts.secrets ?? [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const id = headers['webhook-id'] ?? '';
      seen.push(id);
      const verified = secrets.some((s) => {
        try {
          new Webhook(s).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      const now = (inFlight.get(id) ?? 0) + 1;
      inFlight.set(id, now);
      maxConcurrentPerId = Math.max(maxConcurrentPerId, now);
      const n = seen.filter((s) => s === id).length; // this request's number for its id, answered or not
      const plan = opts.reply?.({ id, n }) ?? {};
      const answer = () => {
        inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        if (res.destroyed) return;
        received.push({ id, body, headers, verified, at: performance.now() });
        if (plan.raw !== undefined) {
          res.socket?.end(plan.raw);
          return;
        }
        res.writeHead(plan.status ?? 200, { 'content-type': 'text/plain' });
        res.end(`ok ${n}`);
      };
      if (plan.delayMs) setTimeout(answer, plan.delayMs).unref();
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    seen,
    secrets,
    maxConcurrentPerId: () => maxConcurrentPerId,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** Polls `check` until it is true; generous by default so a loaded machine does not fail it. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
