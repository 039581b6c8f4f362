import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeLlm, type FakeLlm } from '@/tests/fake-llm/server';
import { chatCompletion, chatCompletionsUrl, ProviderError, retryAfterMs, type ChatRequest } from './openai-client';

let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

const req = (model: string, text = 'hello'): ChatRequest => ({
  baseUrl: llm.baseUrl,
  apiKey: 'sk-test',
  model,
  messages: [
    { role: 'system', content: 'sys' },
    { role: 'user', content: text },
  ],
  temperature: 0.2,
  maxTokens: 50,
  params: { model: 'ignored', seed: 1 },
});
const fast = { timeoutMs: 5_000, retries: 2, backoffMs: 1 };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as ProviderError,
  );

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('chatCompletion', () => {
  it('posts the chat request and returns the answer with latency and tokens', async () => {
    const answer = await chatCompletion(req('echo', 'ping'), fast);
    expect(answer).toMatchObject({ output: 'ping', tokensIn: 7, tokensOut: 1 });
    expect(answer.latencyMs).toBeGreaterThanOrEqual(0);
    const sent = llm.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.authorization).toBe('Bearer sk-test');
    expect(sent.body).toMatchObject({ model: 'echo', temperature: 0.2, max_tokens: 50, seed: 1, stream: false });
  });

  it('reports a 5xx with the provider message after the retries', async () => {
    const before = llm.requests.length;
    const error = await failure(chatCompletion(req('fail500'), fast));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error!.message).toBe('provider answered 500: the fake model is down (after 3 attempts)');
    expect(llm.requests.length - before).toBe(3);
  });

  it('does not retry other 4xx', async () => {
    const before = llm.requests.length;
    expect((await failure(chatCompletion(req('nope'), fast)))!.message).toBe('provider answered 404: model "nope" not found');
    expect(llm.requests.length - before).toBe(1);
  });

  it('retries 429 and then succeeds', async () => {
    expect((await chatCompletion(req('rate429', 'a unique text'), fast)).output).toBe('a unique text');
    expect((await failure(chatCompletion(req('rate429', 'another text'), { ...fast, retries: 1 })))!.message).toMatch(
      /^provider answered 429: slow down/,
    );
  });

  it('times out with the configured limit', async () => {
    const error = await failure(chatCompletion(req('slow'), { timeoutMs: 200, retries: 2 }));
    expect(error).toMatchObject({ kind: 'timeout', message: 'timed out after 200 ms' });
  });

  it('names the reason it could not connect', async () => {
    const error = await failure(chatCompletion({ ...req('echo'), baseUrl: `http://127.0.0.1:${await closedPort()}/v1` }, fast));
    expect(error).toMatchObject({ kind: 'network', message: 'could not connect: ECONNREFUSED' });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = failure(chatCompletion(req('slow'), { ...fast, signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    expect(await pending).toMatchObject({ kind: 'cancelled' });
  });
});

describe('helpers', () => {
  it('builds the endpoint from a base URL with or without a trailing slash', () => {
    expect(chatCompletionsUrl('http://x/v1/')).toBe('http://x/v1/chat/completions');
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('Retry-After', () => {
  it('waits as long as the provider asks', async () => {
    const patient = await startFakeLlm({ retryAfterSeconds: 1 });
    try {
      const started = Date.now();
      await chatCompletion({ ...req('rate429'), baseUrl: patient.baseUrl }, { timeoutMs: 5_000, retries: 2, backoffMs: 1 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    } finally {
      await patient.close();
    }
  });

  it('caps the wait', async () => {
    const greedy = await startFakeLlm({ retryAfterSeconds: 3600 });
    try {
      const started = Date.now();
      const answer = await chatCompletion(
        { ...req('rate429', 'capped'), baseUrl: greedy.baseUrl },
        { timeoutMs: 5_000, retries: 2, maxBackoffMs: 20 },
      );
      expect(answer.output).toBe('capped');
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await greedy.close();
    }
  });
});
