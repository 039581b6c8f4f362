// The Python client (packages/python) against this server: setup through server actions (a
// prompt published as v1 with a newer draft, a production and a development key), then the
// Python suite — shared render vectors, local-server cache tests and the live tests — must pass.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
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

function ok<T>(result: ActionResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

function flightOf(html: string): string {
  let out = '';
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) out += JSON.parse(m[1]!) as string;
  return out;
}

test('the Python client passes its suite against this server', async ({ baseURL }, testInfo) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  const clients: APIRequestContext[] = [];
  try {
    const run = randomBytes(4).toString('hex');
    const email = `py-${run}@example.test`;
    const password = 'e2e-Python-Client-42';
    const visitor = await newApiClient(baseURL);
    clients.push(visitor);
    const { workspaceSlug: ws } = ok(
      await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name: `Py ${run}`, email, password }]),
      'signUp',
    );
    const owner = await newApiClient(baseURL);
    clients.push(owner);
    await signInApi(owner, email, password);
    const { slug } = ok(
      await callAction<{ slug: string }>(owner, `/w/${ws}/prompts/new`, KEYS.createPrompt, [
        { workspace: ws, name: `Py ${run}`, slug: `py-${run}` },
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
    content.blocks[0]!.body = 'You help {{customer}} (tier {{tier}}, vip {{vip}}). \\{{literal}}';
    content.blocks[1]!.body = 'Order: {{order}}';
    content.variables = [
      { name: 'customer', type: 'string', required: true },
      { name: 'tier', type: 'number', required: false, default: 2 },
      { name: 'vip', type: 'boolean', required: false },
      { name: 'order', type: 'json', required: true },
    ];
    const saved = ok(
      await callAction<{ revision: { id: string } }>(owner, promptPath, KEYS.saveDraft, [
        { workspace: ws, promptId, baseRevisionId: head.id, content },
      ]),
      'saveDraft',
    );
    ok(
      await callAction(owner, `${promptPath}/releases`, KEYS.publish, [
        { workspace: ws, promptId, revisionId: saved.revision.id, note: 'Python client' },
      ]),
      'publish',
    );
    const draft: Content = structuredClone(content);
    draft.blocks[1]!.body = 'Draft only: {{order}}';
    ok(
      await callAction(owner, promptPath, KEYS.saveDraft, [{ workspace: ws, promptId, baseRevisionId: saved.revision.id, content: draft }]),
      'saveDraft (draft)',
    );
    const settings = `/w/${ws}/settings`;
    const prod = ok(
      await callAction<{ key: string }>(owner, settings, KEYS.createApiKey, [
        { workspace: ws, name: 'python production', environment: 'production' },
      ]),
      'createApiKey',
    );
    const dev = ok(
      await callAction<{ key: string }>(owner, settings, KEYS.createApiKey, [
        { workspace: ws, name: 'python development', environment: 'development' },
      ]),
      'createApiKey',
    );

    const result = spawnSync('python3', ['-m', 'unittest', 'discover', '-s', 'packages/python/tests', '-v'], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        GALLEY_URL: baseURL,
        GALLEY_KEY_PROD: prod.key,
        GALLEY_KEY_DEV: dev.key,
        GALLEY_SLUG: slug,
        GALLEY_VARIABLES: JSON.stringify({ customer: 'Ada', vip: true, order: { id: 7, items: ['a', 'b'] } }),
      },
    });
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
    await testInfo.attach('python unittest output', { body: output, contentType: 'text/plain' });
    expect(result.error, String(result.error)).toBeUndefined();
    expect(output).not.toContain('skipped');
    expect(result.status, output).toBe(0);
  } finally {
    await Promise.all(clients.map((c) => c.dispose()));
  }
});
