// Several app instances on one PostgreSQL stay coherent (ARCHITECTURE.md "Invalidation": every publish
// and revoke invalidates the in-process cache, and on PostgreSQL the invalidation goes out
// over LISTEN/NOTIFY). Two server processes share a fresh database; changes made through
// instance A must show on instance B, whose cache is warm, within a second.
// Runs only when TEST_DATABASE_URL names a throwaway PostgreSQL server (.ci/run sets it).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Content } from '../lib/domain/content';
import { callAction, newApiClient, signInApi } from './action-client';
import { expect, test } from './fixtures';
import { adminQuery as adminQueryOn, flightOf, freePort, ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

const SERVER_URL = process.env.TEST_DATABASE_URL;
const COHERENCE_LIMIT_MS = 1_000;
const POLL_MS = 50;

interface Instance {
  name: string;
  base: string;
  child: ChildProcess;
  log: string[];
}

const instances: Instance[] = [];
const clients: APIRequestContext[] = [];
let databaseUrl = '';
let databaseName = '';

const adminQuery = (sql: string) => adminQueryOn(SERVER_URL, sql);

async function startInstance(name: string, port: number, secret: string): Promise<Instance> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: secret,
      GALLEY_SEED: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString('utf8'));
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const instance = { name, base, child, log };
  instances.push(instance);
  return instance;
}

async function waitHealthy(instance: Instance, timeoutMs = 150_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (instance.child.exitCode !== null)
      throw new Error(`instance ${instance.name} exited with ${instance.child.exitCode}:\n${instance.log.join('')}`);
    try {
      if ((await fetch(`${instance.base}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance ${instance.name} did not become healthy:\n${instance.log.join('')}`);
}

async function stopInstance(instance: Instance): Promise<void> {
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` every 50 ms until it holds; returns how long that took, or null after `limitMs` × 5. */
async function timeUntil(check: () => Promise<boolean>, limitMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < limitMs * 5) {
    if (await check()) return Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return null;
}

test.describe('two app instances on one PostgreSQL', () => {
  test.skip(!SERVER_URL, 'TEST_DATABASE_URL is not set: no PostgreSQL server to run two instances on');
  test.describe.configure({ timeout: 300_000 });

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    databaseName = `galley_mi_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${databaseName}`);
    const url = new URL(SERVER_URL!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    const secret = randomBytes(24).toString('base64url');
    // Both start at once, so both race to migrate the empty database (an advisory lock serializes them).
    const portA = await freePort();
    let portB = await freePort();
    while (portB === portA) portB = await freePort();
    const [a, b] = await Promise.all([startInstance('A', portA, secret), startInstance('B', portB, secret)]);
    await Promise.all([waitHealthy(a!), waitHealthy(b!)]);
  });

  test.afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(instances.splice(0).map(stopInstance));
    if (databaseName) await adminQuery(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  });

  test('a publish and a revoke through instance A reach instance B within a second', async () => {
    const [a, b] = instances as [Instance, Instance];
    const run = randomBytes(4).toString('hex');
    const email = `multi-${run}@example.test`;
    const password = 'e2e-Two-Instances-42';

    // Everything is written through A.
    const visitor = await newApiClient(a.base);
    const owner = await newApiClient(a.base);
    clients.push(visitor, owner);
    const { workspaceSlug: ws } = ok(
      await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name: `Multi ${run}`, email, password }]),
      'signUp',
    );
    await signInApi(owner, email, password);
    const { slug } = ok(
      await callAction<{ slug: string }>(owner, `/w/${ws}/prompts/new`, KEYS.createPrompt, [
        { workspace: ws, name: 'Two instances', slug: `two-instances-${run}` },
      ]),
      'createPrompt',
    );
    const promptPath = `/w/${ws}/prompts/${slug}`;
    const promptId = /"promptId":"([^"]+)"/.exec(flightOf(await (await owner.get(promptPath)).text()))?.[1];
    if (!promptId) throw new Error('The prompt page no longer carries the prompt id in its props');

    const saveAndPublish = async (body: string, note: string): Promise<number> => {
      const head = ok(
        await callAction<{ id: string; content: Content }>(owner, promptPath, KEYS.loadDraftHead, [{ workspace: ws, promptId }]),
        'loadDraftHead',
      );
      const content: Content = structuredClone(head.content);
      content.blocks[0]!.body = body;
      const saved = ok(
        await callAction<{ revision: { id: string } }>(owner, promptPath, KEYS.saveDraft, [
          { workspace: ws, promptId, baseRevisionId: head.id, content },
        ]),
        'saveDraft',
      );
      const { version } = ok(
        await callAction<{ version: number }>(owner, `${promptPath}/releases`, KEYS.publish, [
          { workspace: ws, promptId, revisionId: saved.revision.id, note },
        ]),
        'publish',
      );
      return version;
    };

    expect(await saveAndPublish('You are version one.', 'First')).toBe(1);
    const settings = `/w/${ws}/settings`;
    const key = ok(
      await callAction<{ id: string; key: string }>(owner, settings, KEYS.createApiKey, [
        { workspace: ws, name: 'multi-instance', environment: 'production' },
      ]),
      'createApiKey',
    );

    const readB = () => fetch(`${b.base}/api/v1/prompts/${slug}`, { headers: { authorization: `Bearer ${key.key}` } });

    // B reads v1 and keeps it (and the key) in its cache.
    for (let i = 0; i < 3; i++) {
      const res = await readB();
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ slug, kind: 'release', version: 1 });
    }

    // A publishes v2: B must serve it within a second.
    expect(await saveAndPublish('You are version two.', 'Second')).toBe(2);
    const publishDelay = await timeUntil(async () => {
      const res = await readB();
      return res.status === 200 && ((await res.json()) as { version: number }).version === 2;
    }, COHERENCE_LIMIT_MS);
    // A answers v2 as well, of course.
    const fromA = await fetch(`${a.base}/api/v1/prompts/${slug}`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(((await fromA.json()) as { version: number }).version).toBe(2);

    // A revokes the key: B must refuse it within a second.
    ok(await callAction(owner, settings, KEYS.revokeApiKey, [{ workspace: ws, keyId: key.id }]), 'revokeApiKey');
    const revokeDelay = await timeUntil(async () => (await readB()).status === 401, COHERENCE_LIMIT_MS);

    const summary = `B served v2 after ${publishDelay ?? 'never'} ms; B refused the revoked key after ${revokeDelay ?? 'never'} ms (polling every ${POLL_MS} ms)`;
    console.log(`[multi-instance] ${summary}`);
    test.info().annotations.push({ type: 'multi-instance', description: summary });
    expect(publishDelay, 'B serves the new release within a second').not.toBeNull();
    expect(publishDelay!).toBeLessThanOrEqual(COHERENCE_LIMIT_MS);
    expect(revokeDelay, 'B refuses the revoked key within a second').not.toBeNull();
    expect(revokeDelay!).toBeLessThanOrEqual(COHERENCE_LIMIT_MS);
    const refused = await readB();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
  });
});
