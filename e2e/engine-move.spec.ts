// The move between engines exactly as README.md's "Running on PostgreSQL" tells an operator:
// run Galley on the embedded database and use it, stop it, `npm run db:backup -- FILE`,
// `npm run db:restore -- FILE` with DATABASE_URL on an empty PostgreSQL database, start Galley
// with DATABASE_URL. Over real HTTP, the moved server answers the read API, the Langfuse path and
// the write API byte for byte as before (same ETags; a client's old ETag still gets 304), people
// sign in with their passwords, and work goes on. Then the reverse: PostgreSQL back to a new
// embedded database. Runs only when TEST_DATABASE_URL names a PostgreSQL server (.ci/run sets it).
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { adminQuery, freePort, startServer, waitFor } from '../scripts/lib/server-harness';
import { callAction, newApiClient, signInApi } from './action-client';
import { createKey, createPromptWithId, loadHead, promptOf, publishEdited, saveContent, signUpOwner, type Owner } from './api-setup';
import { expect, test } from './fixtures';
import { ok } from './helpers';

const SERVER_URL = process.env.TEST_DATABASE_URL;
const CREATE_TOKEN = 'lib/actions/service-tokens.ts#createServiceToken';
const PASSWORD = 'e2e-Engine-Move-4242';

const dir = mkdtempSync(path.join(tmpdir(), 'galley-engine-move-'));
const secret = randomBytes(24).toString('base64url');
const clients: APIRequestContext[] = [];
const databases: string[] = [];
let server: { child: ChildProcess; base: string } | null = null;

/** Where a server, a backup or a restore keeps its data: a PostgreSQL URL, or an embedded directory. */
type Store = { DATABASE_URL: string } | { GALLEY_DATA_DIR: string };
const storeEnv = (store: Store) => ({ DATABASE_URL: '', GALLEY_DATA_DIR: path.join(dir, 'unused'), ...store });

async function start(store: Store): Promise<string> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startServer(port, { ...storeEnv(store), NEXTAUTH_URL: base, NEXTAUTH_SECRET: secret });
  server = { child, base };
  await waitFor(`${base}/api/health`);
  return base;
}

async function stop(): Promise<void> {
  if (!server) return;
  const { child } = server;
  server = null;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function freshPostgres(): Promise<Store> {
  const name = `galley_move_${randomBytes(5).toString('hex')}`;
  await adminQuery(SERVER_URL, `CREATE DATABASE ${name}`);
  databases.push(name);
  const url = new URL(SERVER_URL!);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

/** `npm run db:backup|db:restore -- FILE`, as an operator types it; returns what it printed. */
function npm(script: 'db:backup' | 'db:restore', store: Store, file: string): string {
  const run = spawnSync('npm', ['run', '-s', script, '--', file], {
    env: { ...process.env, ...storeEnv(store) },
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(run.stderr.trim(), `${script} wrote to stderr`).toBe('');
  expect(run.status, `${script}: ${run.stdout}`).toBe(0);
  return run.stdout.trim();
}

interface World {
  owner: Owner;
  slug: string;
  production: string;
  development: string;
  langfuse: string;
  token: string;
}

/** Everything an application and the CLI can see, as status, ETag and exact bytes. */
async function observe(base: string, w: World) {
  const get = async (pathname: string, authorization: string) => {
    const res = await fetch(`${base}${pathname}`, { headers: { authorization, 'accept-encoding': 'identity' } });
    return { pathname, status: res.status, etag: res.headers.get('etag'), body: await res.text() };
  };
  const bearer = (key: string) => `Bearer ${key}`;
  return Promise.all([
    get(`/api/v1/prompts/${w.slug}`, bearer(w.production)),
    get(`/api/v1/prompts/${w.slug}?version=1`, bearer(w.production)),
    get(`/api/v1/prompts`, bearer(w.production)),
    get(`/api/v1/prompts/${w.slug}`, bearer(w.development)),
    get(`/api/public/v2/prompts/${w.slug}`, w.langfuse),
    get(`/api/v1/workspace/prompts/${w.slug}`, bearer(w.token)),
    get(`/api/v1/workspace/prompts/${w.slug}/revisions`, bearer(w.token)),
    get(`/api/v1/workspace/prompts/${w.slug}/revisions/1`, bearer(w.token)),
    get(`/api/v1/workspace/audit`, bearer(w.token)),
  ]);
}

/** Signs in on `base` with the owner's password and saves on the moved head: the move loses nothing. */
async function carryOn(base: string, w: World, body: string) {
  const client = await newApiClient(base);
  clients.push(client);
  await signInApi(client, w.owner.email, PASSWORD);
  const owner = { ...w.owner, client };
  const prompt = await promptOf(owner, w.slug);
  const head = await loadHead(owner, prompt);
  const content = structuredClone(head.content);
  content.blocks[0]!.body = body;
  await saveContent(owner, prompt, head.id, content, 'save after the move');
  const dev = await fetch(`${base}/api/v1/prompts/${w.slug}`, { headers: { authorization: `Bearer ${w.development}` } });
  expect(dev.status).toBe(200);
  expect(await dev.text()).toContain(body);
}

test.describe('moving between the embedded database and PostgreSQL', () => {
  test.skip(!SERVER_URL, 'TEST_DATABASE_URL is not set: no PostgreSQL server to move to');
  test.describe.configure({ timeout: 600_000 });

  test.afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await stop();
    for (const name of databases) await adminQuery(SERVER_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  test('embedded → PostgreSQL → embedded: the same answers, ETags, history and audit log over HTTP', async () => {
    const embedded: Store = { GALLEY_DATA_DIR: path.join(dir, 'embedded') };
    let world!: World;
    let before!: Awaited<ReturnType<typeof observe>>;

    await test.step('use Galley on the embedded database', async () => {
      const base = await start(embedded);
      const id = randomBytes(4).toString('hex');
      const owner = await signUpOwner(base, `Mover ${id}`, `move-${id}@example.test`, PASSWORD, (c) => clients.push(c));
      const prompt = await createPromptWithId(owner, 'Moving support', `moving-${id}`);
      await publishEdited(owner, prompt, (c) => void (c.blocks[0]!.body = 'You are version one.'), 'First release');
      await publishEdited(owner, prompt, (c) => void (c.blocks[0]!.body = 'You are version two, {{name}}.'), 'Second release');
      const head = await loadHead(owner, prompt);
      const draft = structuredClone(head.content);
      draft.blocks[0]!.body = 'A draft production never sees.';
      await saveContent(owner, prompt, head.id, draft);
      const production = await createKey(owner, 'production', 'production');
      const development = await createKey(owner, 'development', 'development');
      const { token } = ok(
        await callAction<{ token: string }>(owner.client, `/w/${owner.ws}/settings`, CREATE_TOKEN, [
          { workspace: owner.ws, name: 'ci', role: 'publisher', expiresInDays: null },
        ]),
        'createServiceToken',
      );
      world = {
        owner,
        slug: prompt.slug,
        production: production.key,
        development: development.key,
        langfuse: `Basic ${Buffer.from(`pk-galley:${production.key}`).toString('base64')}`,
        token,
      };
      before = await observe(base, world);
      expect(before.map((o) => [o.pathname, o.status])).toEqual(before.map((o) => [o.pathname, 200]));
      expect(before[0]!.body).toContain('You are version two');
      expect(before[3]!.body).toContain('A draft production never sees.');
      expect(before.filter((o) => o.etag).length).toBeGreaterThanOrEqual(4);
      await stop();
    });

    const postgres = await freshPostgres();
    await test.step('back up the embedded database, restore into PostgreSQL, start with DATABASE_URL', async () => {
      const file = path.join(dir, 'embedded.jsonl.gz');
      expect(npm('db:backup', embedded, file)).toMatch(/^Backed up \d+ rows/);
      expect(npm('db:restore', postgres, file)).toMatch(
        /^Restored \d+ rows .* into PostgreSQL \(DATABASE_URL\).*every content hash checked\.$/,
      );
      const base = await start(postgres);
      expect(await observe(base, world)).toEqual(before);
      // An application's cached ETag from before the move still revalidates.
      const revalidated = await fetch(`${base}/api/v1/prompts/${world.slug}`, {
        headers: { authorization: `Bearer ${world.production}`, 'if-none-match': before[0]!.etag! },
      });
      expect(revalidated.status).toBe(304);
      await carryOn(base, world, 'Saved on PostgreSQL after the move.');
      before = await observe(base, world);
      await stop();
    });

    await test.step('and back: PostgreSQL into a new embedded database', async () => {
      const file = path.join(dir, 'postgres.jsonl.gz');
      const back: Store = { GALLEY_DATA_DIR: path.join(dir, 'embedded-again') };
      expect(npm('db:backup', postgres, file)).toMatch(/^Backed up \d+ rows .* from PostgreSQL/);
      expect(npm('db:restore', back, file)).toMatch(/^Restored \d+ rows .* into the embedded database/);
      const base = await start(back);
      expect(await observe(base, world)).toEqual(before);
      await carryOn(base, world, 'Saved on the embedded database again.');
      await stop();
    });
  });
});
