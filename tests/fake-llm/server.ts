// A local OpenAI-compatible chat-completions server with deterministic answers: the only
// test double for model providers. The model name picks the behaviour:
//   echo     answers with the last user message
//   json     answers {"ok": true}
//   slow     answers "slow" after 3 s (sooner if the client goes away)
//   fail500  answers 500
//   rate429  answers 429 twice per distinct conversation, then echoes (Retry-After:
//            `retryAfterSeconds`, 0 by default)
// Anything else is a 404 "model not found". Requests are recorded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  /** Date.now() when the request arrived. */
  receivedAt: number;
  authorization: string | null;
  body: { model?: string; messages?: { role: string; content: string }[]; [key: string]: unknown };
}

export interface FakeLlm {
  /** Use as a provider's base URL; the server answers POST {baseUrl}/chat/completions. */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const SLOW_MS = 3_000;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 7, completion_tokens: Math.ceil(content.length / 4), total_tokens: 7 + Math.ceil(content.length / 4) },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeLlm(opts: { retryAfterSeconds?: number } = {}): Promise<FakeLlm> {
  const requests: RecordedRequest[] = [];
  const rateLimited = new Map<string, number>();

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return send(res, 404, { error: { message: 'not found' } });
    let body: RecordedRequest['body'];
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { error: { message: 'body is not JSON' } });
    }
    requests.push({ path: req.url, receivedAt: Date.now(), authorization: req.headers.authorization ?? null, body });
    const model = String(body.model ?? '');
    const lastUser = [...(body.messages ?? [])].reverse().find((m) => m.role === 'user')?.content ?? '';
    switch (model) {
      case 'echo':
        return send(res, 200, completion(model, lastUser));
      case 'json':
        return send(res, 200, completion(model, '{"ok": true}'));
      case 'slow': {
        const timer = setTimeout(() => send(res, 200, completion(model, 'slow')), SLOW_MS);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'fail500':
        return send(res, 500, { error: { message: 'the fake model is down', type: 'server_error' } });
      case 'rate429': {
        const key = JSON.stringify(body.messages ?? []);
        const seen = rateLimited.get(key) ?? 0;
        rateLimited.set(key, seen + 1);
        if (seen < 2) return send(res, 429, { error: { message: 'slow down' } }, { 'retry-after': String(opts.retryAfterSeconds ?? 0) });
        return send(res, 200, completion(model, lastUser));
      }
      default:
        return send(res, 404, { error: { message: `model "${model}" not found` } });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
