// The Python client (packages/python) against this server: setup through server actions (a
// prompt published as v1 with a newer draft, a production and a development key), then the
// Python suite — shared render vectors, local-server cache tests and the live tests — must pass.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { createKey, createPromptWithId, publishEdited, saveContent, signUpOwner } from './api-setup';
import { expect, test } from './fixtures';

test('the Python client passes its suite against this server', async ({ baseURL }, testInfo) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  const clients: APIRequestContext[] = [];
  try {
    const run = randomBytes(4).toString('hex');
    const owner = await signUpOwner(baseURL, `Py ${run}`, `py-${run}@example.test`, 'e2e-Python-Client-42', (c) => clients.push(c));
    const prompt = await createPromptWithId(owner, `Py ${run}`, `py-${run}`);
    const slug = prompt.slug;
    const { revisionId, content } = await publishEdited(
      owner,
      prompt,
      (content) => {
        content.blocks[0]!.body = 'You help {{customer}} (tier {{tier}}, vip {{vip}}). \\{{literal}}';
        content.blocks[1]!.body = 'Order: {{order}}';
        content.variables = [
          { name: 'customer', type: 'string', required: true },
          { name: 'tier', type: 'number', required: false, default: 2 },
          { name: 'vip', type: 'boolean', required: false },
          { name: 'order', type: 'json', required: true },
        ];
      },
      'Python client',
    );
    const draft = structuredClone(content);
    draft.blocks[1]!.body = 'Draft only: {{order}}';
    await saveContent(owner, prompt, revisionId, draft, 'saveDraft (draft)');
    const prod = await createKey(owner, 'python production', 'production');
    const dev = await createKey(owner, 'python development', 'development');

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
