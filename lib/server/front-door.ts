// What the custom server checks before Next sees a request: the client address that sign-in
// throttling keys on, URLs whose percent-encoding is broken, and server-action bodies Next
// would answer with a bare 500 (not JSON, empty, junk multipart, over the size limit, or
// nested deep enough to overflow a recursive decoder). Each is refused with a 4xx that
// names the problem.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { inspectInput, MAX_INPUT_DEPTH } from '../domain/input-guard';

/** Next's own limit for a server action's body; the custom server refuses past it first. */
export const MAX_ACTION_BODY = 1024 * 1024;
export const CLIENT_ADDRESS_HEADER = 'x-galley-client-address';
// Next reads an action's body from this request meta when it is set (its minimal mode
// stashes a pre-read body there); a body read here for checking is handed over this way.
const NEXT_REQUEST_META = Symbol.for('NextInternalRequestMeta');

/** The address sign-in throttling keys on; a client cannot set it, only a trusted proxy. */
export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  req.headers[CLIENT_ADDRESS_HEADER] = forwarded || req.socket.remoteAddress || 'unknown';
}

function refuse(res: ServerResponse, status: number, code: string, message: string, asJson: boolean): true {
  const body = asJson
    ? JSON.stringify({ error: { code, message } })
    : `<!doctype html><meta charset="utf-8"><title>Bad request</title><p>${message}</p><p><a href="/">Galley</a></p>`;
  res.writeHead(status, {
    'content-type': asJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
  return true;
}

function hasBrokenEncoding(url: string): boolean {
  try {
    decodeURIComponent(url.split('?')[0]!);
    return false;
  } catch {
    return true;
  }
}

function readBounded(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function actionBodyProblem(req: IncomingMessage, body: Buffer): Promise<string | null> {
  if (body.length === 0) return 'The server action request has no body';
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) {
    try {
      await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
      return null;
    } catch {
      return 'The server action request is not valid multipart form data';
    }
  }
  let args: unknown;
  try {
    args = JSON.parse(body.toString('utf8'));
  } catch {
    return 'The server action request is not valid JSON';
  }
  if (!Array.isArray(args)) return 'The server action request must be a JSON array of arguments';
  // The argument list itself is not counted. NUL characters are left to the action wrapper,
  // which answers them with a field error.
  const problem = inspectInput(args, MAX_INPUT_DEPTH, 1);
  return problem && problem.kind !== 'nul_character' ? problem.message : null;
}

/** Answers the request (and returns true) when it must not reach Next. */
export async function refuseMalformed(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? '/';
  const isApi = url.startsWith('/api/');
  if (hasBrokenEncoding(url)) return refuse(res, 400, 'bad_request', 'The address is not valid URL encoding', isApi);
  if (req.method !== 'POST' || !req.headers['next-action']) return false;
  if (Number(req.headers['content-length'] ?? 0) > MAX_ACTION_BODY) {
    return refuse(res, 413, 'payload_too_large', `The request body is over ${MAX_ACTION_BODY / 1024 / 1024} MB`, true);
  }
  const body = await readBounded(req, MAX_ACTION_BODY);
  if (body === 'too_large')
    return refuse(res, 413, 'payload_too_large', `The request body is over ${MAX_ACTION_BODY / 1024 / 1024} MB`, true);
  const problem = await actionBodyProblem(req, body);
  if (problem) return refuse(res, 400, 'bad_request', problem, true);
  const holder = req as unknown as Record<symbol, Record<string, unknown> | undefined>;
  holder[NEXT_REQUEST_META] = { ...holder[NEXT_REQUEST_META], actionBody: body };
  return false;
}
