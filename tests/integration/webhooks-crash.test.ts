// kill -9 right after a publish commits, while its delivery is in flight and unanswered; a new
// process then delivers the event, and the receiver gets it exactly once by webhook-id (the
// at-least-once retry of the unanswered request carries the same id).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { env } from '@/lib/env';
import { startReceiver, waitFor } from './webhook-receiver';

const children: ChildProcess[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'galley-crash-'));
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function child(args: string[]) {
  const c = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', path.join(import.meta.dirname, 'webhook-crash-child.ts'), ...args],
    {
      env: { ...process.env, GALLEY_DATA_DIR: env.DATABASE_URL ? 'memory://' : dir, GALLEY_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(c);
  let out = '';
  c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { c, out: () => out };
}

it('delivers an event exactly once after the server is killed before delivering it', async () => {
  // The first request is held unanswered, so the first process dies mid-delivery.
  const r = await startReceiver({ reply: ({ n }) => (n === 1 ? { delayMs: 600_000 } : undefined) });
  const first = child(['publish', r.url]);
  await waitFor(
    () => first.out().includes('"committed":true') && r.seen.length >= 1,
    `the publish and its request (${first.out()})`,
    120_000,
  );
  const { secret } = JSON.parse(
    first
      .out()
      .split('\n')
      .find((l) => l.includes('committed'))!,
  );
  r.secrets.push(secret);
  first.c.kill('SIGKILL');
  await new Promise((res) => first.c.once('exit', res));
  expect(r.received).toHaveLength(0);

  const second = child(['dispatch']);
  await waitFor(() => r.received.length >= 1, `the delivery after restart (${second.out()})`, 120_000);
  // Give a duplicate every chance to arrive before counting.
  await new Promise((res) => setTimeout(res, 3000));
  const ids = r.received.map((x) => x.id);
  expect(ids).toHaveLength(1);
  expect(r.received[0]!.verified).toBe(true);
  expect(JSON.parse(r.received[0]!.body).type).toBe('release.published');
  second.c.kill('SIGKILL');
  await r.close();
}, 300_000);
