// One webhook request: POST the signed body, never follow a redirect, give up after the
// timeout, keep the first KB of the answer for the delivery log. Never throws: every failure
// is a result with the reason, which the log shows.
import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { classifyAddress, isIpLiteral } from '@/lib/domain/webhooks/address';
import { allowPrivate, guardedLookup } from './url-check';

export const RESPONSE_LOG_BYTES = 1024;

export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  latencyMs: number;
  responseBody: string;
}

// A fresh connection per request: reusing an idle keep-alive socket races the receiver closing
// it (ECONNRESET, seen in the burst test), and a failed attempt costs a retry 30 s later.

export function sendWebhook(req: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'latencyMs'>): SendResult => ({ ...r, latencyMs: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      return resolve(done({ ok: false, status: null, error: 'The URL is not valid', responseBody: '' }));
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal skips the lookup, so it is judged here.
    if (!allowPrivate() && isIpLiteral(host) && classifyAddress(host) !== 'public')
      return resolve(done({ ok: false, status: null, error: `Refused: ${host} is a private address`, responseBody: '' }));
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (r: Omit<SendResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const request = lib.request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup,
        headers: {
          ...req.headers,
          'content-type': 'application/json',
          'user-agent': 'Galley-Webhooks/1',
          'content-length': Buffer.byteLength(req.body),
        },
        signal: req.signal,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const complete = () => {
          const responseBody = Buffer.concat(chunks).subarray(0, RESPONSE_LOG_BYTES).toString('utf8');
          if (status >= 200 && status < 300) return finish({ ok: true, status, error: null, responseBody });
          const error =
            status >= 300 && status < 400
              ? `Answered ${status}: redirects are not followed${res.headers.location ? ` (to ${res.headers.location})` : ''}`
              : `Answered ${status}`;
          finish({ ok: false, status, error, responseBody });
        };
        res.on('data', (c: Buffer) => {
          if (size < RESPONSE_LOG_BYTES) chunks.push(c);
          size += c.length;
          // Enough for the log: stop reading a large answer rather than download it.
          if (size >= 64 * RESPONSE_LOG_BYTES) {
            complete();
            res.destroy();
          }
        });
        res.on('end', complete);
        res.on('error', (e) => finish({ ok: false, status, error: `The response broke off: ${e.message}`, responseBody: '' }));
      },
    );
    // Where a timed-out request got to, for the log: connecting, sending, or waiting for the answer.
    let phase = 'connecting';
    request.on('socket', (socket) => {
      if (!socket.connecting) phase = 'waiting for the answer';
      socket.once('connect', () => (phase = 'waiting for the answer'));
    });
    const timer = setTimeout(() => request.destroy(new Error(`No answer within ${req.timeoutMs / 1000} s (${phase})`)), req.timeoutMs);
    request.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: describe(e), responseBody: '' }));
    request.end(req.body);
  });
}

function describe(e: NodeJS.ErrnoException): string {
  if (e.code === 'ECONNREFUSED') return 'Connection refused';
  if (e.code === 'ENOTFOUND') return 'The host name does not resolve';
  if (e.code === 'EBLOCKED') return `Refused: ${e.message}`;
  if (e.code === 'HPE_INVALID_CONSTANT' || e.code?.startsWith('HPE_')) return `The receiver did not answer with valid HTTP (${e.code})`;
  if (e.name === 'AbortError') return 'Stopped: the server is shutting down';
  return e.message || e.code || 'The request failed';
}
