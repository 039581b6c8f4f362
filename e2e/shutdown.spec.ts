// SIGTERM in the middle of an autosave storm loses nothing that was acknowledged. A server of
// its own (embedded database in a directory of its own) takes saveDraft calls from several
// writers at once, as editors autosaving; it is sent SIGTERM while saves are in flight; it
// finish the saves in flight and exit 0 (within 10 s), and after a restart on the same
// directory every save that got `ok: true` must be in the history with the content that was
// sent. Its log, read along the way, must carry no password, session cookie, API key or
// prompt text.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import type { Content } from '../lib/domain/content';
import { contentHash } from '../lib/domain/hash';
import { callAction, newApiClient } from './action-client';
import { createKey, createPromptWithId, loadHead, signUpOwner, type Owner, type SetupPrompt } from './api-setup';
import { expect, test, uniqueEmail } from './fixtures';
import { freePort, READ_API_SETUP_ACTIONS as KEYS } from './helpers';
import { startServer, waitFor } from '../scripts/lib/server-harness';

const WRITERS = 4;
const SAVES_BEFORE_SIGNAL = 40;
const EXIT_BOUND_MS = 10_000;
const PASSWORD = 'e2e-Storm-Password-42';
const SECRET = 'shutdown-spec-secret-not-for-production';

interface Acked {
  slug: string;
  number: number;
  contentHash: string;
  body: string;
}

const children: ChildProcess[] = [];
const clients: APIRequestContext[] = [];
const logLines: string[] = [];

async function start(port: number, dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const base = `http://127.0.0.1:${port}`;
  const child = startServer(
    port,
    { GALLEY_DATA_DIR: dataDir, NEXTAUTH_URL: base, NEXTAUTH_SECRET: SECRET, GALLEY_LOG_LEVEL: 'info' },
    { stdout: 'pipe' },
  );
  children.push(child);
  let partial = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop()!;
    logLines.push(...lines.filter(Boolean));
  });
  await waitFor(`${base}/api/health`, 150_000);
  return { child, base };
}

function exited(child: ChildProcess, boundMs: number): Promise<{ code: number | null; signal: string | null } | 'still running'> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still running'), boundMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

/** Saves one prompt's draft over and over, each save on top of the last acknowledged one, until the server stops answering. */
async function autosave(owner: Owner, prompt: SetupPrompt, acked: Acked[], onAck: () => void): Promise<void> {
  const head = await loadHead(owner, prompt);
  let baseRevisionId = head.id;
  for (let i = 1; ; i++) {
    const content: Content = structuredClone(head.content);
    const body = `Storm text ${prompt.slug} number ${i}`;
    content.blocks[0]!.body = body;
    let result;
    try {
      result = await callAction<{ saved: boolean; revision: { id: string; number: number } }>(owner.client, prompt.path, KEYS.saveDraft, [
        { workspace: owner.ws, promptId: prompt.promptId, baseRevisionId, content },
      ]);
    } catch {
      return; // refused, reset or not an action result: the server is going away
    }
    if (!result.ok) return;
    expect(result.data.saved).toBe(true);
    acked.push({ slug: prompt.slug, number: result.data.revision.number, contentHash: contentHash(content), body });
    onAck();
    baseRevisionId = result.data.revision.id;
  }
}

test.describe('graceful shutdown', () => {
  test.describe.configure({ timeout: 300_000 });

  test.afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  test('SIGTERM during an autosave storm: exit 0, and every acknowledged save is in the history', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'galley-shutdown-'));
    const first = await start(await freePort(), dataDir);
    const owner = await signUpOwner(first.base, 'Storm Owner', uniqueEmail(), PASSWORD, (c) => clients.push(c));
    const prompts = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => createPromptWithId(owner, `Storm ${i}`, `storm-${i}-${Date.now().toString(36)}`)),
    );
    const { key } = await createKey(owner, 'storm check', 'development');

    const acked: Acked[] = [];
    // The signal goes the moment a save is answered, not on a poll: the other writers' saves
    // are then waiting on the database (one save at a time), so some are in flight for certain.
    const onAck = () => {
      if (acked.length >= SAVES_BEFORE_SIGNAL && !first.child.killed) first.child.kill('SIGTERM');
    };
    const writers = prompts.map((p) => autosave(owner, p, acked, onAck));
    await expect.poll(() => first.child.killed, { timeout: 120_000, message: `SIGTERM after ${SAVES_BEFORE_SIGNAL} saves` }).toBe(true);

    // The bound is on waiting, not a timing assertion: the server has to be gone by then.
    const exit = await exited(first.child, EXIT_BOUND_MS);
    expect(exit, `the server exited within ${EXIT_BOUND_MS / 1000} s of SIGTERM`).toEqual({ code: 0, signal: null });
    await Promise.all(writers);
    const entries = () => logLines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    // The writers had saves in flight when the signal came: the server answered them before it stopped.
    const firstRun = entries();
    const signalAt = firstRun.findIndex((e) => e.msg === 'shutting down: finishing the requests in flight');
    const stoppedAt = firstRun.findIndex((e) => e.msg === 'stopped');
    expect(signalAt).toBeGreaterThan(-1);
    expect(stoppedAt).toBeGreaterThan(signalAt);
    const drained = firstRun.slice(signalAt, stoppedAt).filter((e) => e.msg === 'request' && e.route === 'action' && e.status === 200);
    expect(drained.length, 'saves answered between the signal and the stop').toBeGreaterThan(0);
    test
      .info()
      .annotations.push({ type: 'storm', description: `${acked.length} saves acknowledged, ${drained.length} answered after SIGTERM` });
    const session = (await owner.client.storageState()).cookies.find((c) => c.name.includes('session-token'))?.value;

    // Restarting on the same directory works (the lock was released) and shows every acknowledged save.
    const second = await start(await freePort(), dataDir);
    const reader = await newApiClient(second.base);
    clients.push(reader);
    for (const save of acked) {
      const response = await reader.get(`/api/v1/prompts/${save.slug}?revision=${save.number}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.status(), `${save.slug} r${save.number}`).toBe(200);
      const served = (await response.json()) as { revision: number; contentHash: string; content: Content };
      expect(served, `${save.slug} r${save.number}`).toMatchObject({ revision: save.number, contentHash: save.contentHash });
      expect(served.content.blocks[0]!.body).toBe(save.body);
    }
    second.child.kill('SIGTERM');
    expect(await exited(second.child, EXIT_BOUND_MS)).toEqual({ code: 0, signal: null });

    // The log: a line per request, and nothing secret in any line.
    const saves = entries().filter((e) => e.msg === 'request' && e.route === 'action' && e.status === 200);
    expect(saves.length).toBeGreaterThanOrEqual(acked.length);
    expect(saves[0]).toEqual(expect.objectContaining({ requestId: expect.any(String), method: 'POST', ms: expect.any(Number) }));
    expect(entries().filter((e) => e.msg === 'stopped')).toHaveLength(2);
    const everything = logLines.join('\n');
    expect(session).toBeTruthy();
    for (const secret of [PASSWORD, key, SECRET, session!, 'Storm text']) expect(everything).not.toContain(secret);
  });
});
