// The SDK as a real package: build it, `npm pack` it, install the tarball into an empty
// project, then read and locally render a published prompt from an ESM and a CommonJS script
// in plain Node. Their output must equal the server's own POST …/render.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Content } from '../lib/domain/content';
import { callAction, newApiClient, signInApi, type ActionKey, type ActionResult } from './action-client';
import { expect, test } from './fixtures';

const KEYS = {
  signUp: 'lib/actions/auth.ts#signUp',
  createPrompt: 'lib/actions/prompts.ts#createPrompt',
  saveDraft: 'lib/actions/drafts.ts#saveDraft',
  loadDraftHead: 'lib/actions/drafts.ts#loadDraftHead',
  publish: 'lib/actions/releases.ts#publish',
  createApiKey: 'lib/actions/api-keys.ts#createApiKey',
} as const satisfies Record<string, ActionKey>;

const PACKAGE_DIR = path.join(process.cwd(), 'packages', 'client');

function ok<T>(result: ActionResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

function flightOf(html: string): string {
  let out = '';
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) out += JSON.parse(m[1]!) as string;
  return out;
}

const run = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

// Both scripts read the prompt twice (the second read is a warm, local render) and print JSON.
const ESM_SCRIPT = `import { GalleyClient } from '@galley/client';
const client = new GalleyClient({ baseUrl: process.env.GALLEY_URL, apiKey: process.env.GALLEY_KEY });
const cold = await client.render(process.env.SLUG, { customer: 'Ada', count: 3 });
const warm = await client.render(process.env.SLUG, { customer: 'Ada', count: 3 });
console.log(JSON.stringify({ format: 'esm', cold, warm }));
`;
const CJS_SCRIPT = `const { GalleyClient, GalleyError } = require('@galley/client');
const client = new GalleyClient({ baseUrl: process.env.GALLEY_URL, apiKey: process.env.GALLEY_KEY });
(async () => {
  const cold = await client.render(process.env.SLUG, { customer: 'Ada', count: 3 });
  const warm = await client.render(process.env.SLUG, { customer: 'Ada', count: 3 });
  const invalid = await client.render(process.env.SLUG, {}).catch((e) => e instanceof GalleyError && { status: e.status, code: e.code });
  console.log(JSON.stringify({ format: 'cjs', cold, warm, invalid }));
})();
`;

test('the packed @galley/client installs and renders published prompts from ESM and CommonJS', async ({ baseURL }) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');

  // Data through the server actions: a user, a prompt with two variables published as v1, a key.
  const id = randomBytes(4).toString('hex');
  const email = `sdk-${id}@example.test`;
  const password = 'e2e-Sdk-Package-42';
  const visitor = await newApiClient(baseURL);
  const owner = await newApiClient(baseURL);
  const { workspaceSlug: ws } = ok(
    await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name: `SDK ${id}`, email, password }]),
    'signUp',
  );
  await signInApi(owner, email, password);
  const { slug } = ok(
    await callAction<{ slug: string }>(owner, `/w/${ws}/prompts/new`, KEYS.createPrompt, [
      { workspace: ws, name: `SDK ${id}`, slug: `sdk-${id}` },
    ]),
    'createPrompt',
  );
  const promptPath = `/w/${ws}/prompts/${slug}`;
  const promptId = /"promptId":"([^"]+)"/.exec(flightOf(await (await owner.get(promptPath)).text()))?.[1];
  if (!promptId) throw new Error('The prompt page no longer carries the prompt id in its props');
  const head = ok(
    await callAction<{ id: string; content: Content }>(owner, promptPath, KEYS.loadDraftHead, [{ workspace: ws, promptId }]),
    'loadDraftHead',
  );
  const content: Content = structuredClone(head.content);
  content.blocks = [
    { id: 'sys', kind: 'system', title: 'System', body: 'You help {{customer}}. Literal: \\{{customer}}.', enabled: true },
    { id: 'rules', kind: 'guardrails', title: 'Guardrails', body: 'At most {{count}} items; tone {{tone}}.', enabled: true },
    { id: 'off', kind: 'context', title: 'Off', body: 'Never shown', enabled: false },
    { id: 'user', kind: 'user', title: 'User', body: 'List {{count}} ideas for {{ customer }}.', enabled: true },
  ];
  content.variables = [
    { name: 'customer', type: 'string', required: true },
    { name: 'count', type: 'number', required: true },
    { name: 'tone', type: 'string', required: false, default: 'friendly' },
  ];
  const saved = ok(
    await callAction<{ revision: { id: string } }>(owner, promptPath, KEYS.saveDraft, [
      { workspace: ws, promptId, baseRevisionId: head.id, content },
    ]),
    'saveDraft',
  );
  ok(
    await callAction(owner, `${promptPath}/releases`, KEYS.publish, [
      { workspace: ws, promptId, revisionId: saved.revision.id, note: 'SDK' },
    ]),
    'publish',
  );
  const { key } = ok(
    await callAction<{ key: string }>(owner, `/w/${ws}/settings`, KEYS.createApiKey, [
      { workspace: ws, name: 'SDK package', environment: 'production' },
    ]),
    'createApiKey',
  );
  await visitor.dispose();
  await owner.dispose();

  const serverRender = await fetch(`${baseURL}/api/v1/prompts/${slug}/render`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ variables: { customer: 'Ada', count: 3 } }),
  });
  expect(serverRender.status).toBe(200);
  const expected = (await serverRender.json()) as { messages: unknown; text: string; version: number; contentHash: string };
  expect(expected.version).toBe(1);

  // Build and pack the package, then install the tarball into an empty project.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-sdk-'));
  try {
    run('npm', ['run', 'build'], PACKAGE_DIR);
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], PACKAGE_DIR)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/package.json']),
    );
    expect(files.filter((f) => f.startsWith('src/') || f.includes('.test.'))).toEqual([]);
    const tarball = path.join(dir, packed[0]!.filename);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'sdk-consumer', version: '1.0.0', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', tarball], dir);
    const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '@galley', 'client', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(installed).toMatchObject({ name: '@galley/client', version: '0.1.0', sideEffects: false });
    expect(installed.dependencies).toBeUndefined();
    expect(fs.readdirSync(path.join(dir, 'node_modules')).sort()).toEqual(['.package-lock.json', '@galley']);

    fs.writeFileSync(path.join(dir, 'read.mjs'), ESM_SCRIPT);
    fs.writeFileSync(path.join(dir, 'read.cjs'), CJS_SCRIPT);
    const env = { GALLEY_URL: baseURL, GALLEY_KEY: key, SLUG: slug };
    const esm = JSON.parse(run(process.execPath, ['read.mjs'], dir, env));
    const cjs = JSON.parse(run(process.execPath, ['read.cjs'], dir, env));

    const rendered = { messages: expected.messages, text: expected.text, version: 1, contentHash: expected.contentHash };
    for (const out of [esm, cjs]) {
      expect(out.cold, out.format).toEqual({ ...rendered, source: 'network' });
      expect(out.warm, out.format).toEqual({ ...rendered, source: 'cache' });
    }
    expect(cjs.invalid).toEqual({ status: 422, code: 'invalid' });
    expect(expected.messages).toEqual([
      { role: 'system', content: 'You help Ada. Literal: {{customer}}.\n\nAt most 3 items; tone friendly.' },
      { role: 'user', content: 'List 3 ideas for Ada.' },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
