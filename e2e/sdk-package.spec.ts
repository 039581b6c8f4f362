// The SDK as a real package: build it, `npm pack` it, install the tarball into an empty
// project, then read and locally render a published prompt from an ESM and a CommonJS script
// in plain Node. Their output must equal the server's own POST …/render.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { createKey, createPromptWithId, publishEdited, signUpOwner } from './api-setup';
import { expect, test } from './fixtures';

const PACKAGE_DIR = path.join(process.cwd(), 'packages', 'client');

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

// The prompt file format from the package: a body that contains a fence survives a round trip.
const FORMAT_BODY = `const file = { name: 'n', description: '', tags: [], content: { blocks: [{ id: 'a', kind: 'user', title: 'T', body: '\`\`\`\\n---\\n', enabled: true }], variables: [], model: { provider: 'p', model: 'm', params: {} } } };
const text = serializePromptFile(file);
console.log(JSON.stringify({ same: JSON.stringify(parsePromptFile(text).file) === JSON.stringify(file), fence: text.includes('\`\`\`\`block') }));
`;
const FORMAT_ESM = `import { parsePromptFile, serializePromptFile } from '@galley/client/prompt-file';\n${FORMAT_BODY}`;
const FORMAT_CJS = `const { parsePromptFile, serializePromptFile } = require('@galley/client/prompt-file');\n${FORMAT_BODY}`;

test('the packed @galley/client installs and renders published prompts from ESM and CommonJS', async ({ baseURL }) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');

  // Data through the server actions: a user, a prompt with two variables published as v1, a key.
  const id = randomBytes(4).toString('hex');
  const clients: APIRequestContext[] = [];
  const owner = await signUpOwner(baseURL, `SDK ${id}`, `sdk-${id}@example.test`, 'e2e-Sdk-Package-42', (c) => clients.push(c));
  const prompt = await createPromptWithId(owner, `SDK ${id}`, `sdk-${id}`);
  const slug = prompt.slug;
  await publishEdited(
    owner,
    prompt,
    (content) => {
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
    },
    'SDK',
  );
  const { key } = await createKey(owner, 'SDK package', 'production');
  await Promise.all(clients.map((c) => c.dispose()));

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
      expect.arrayContaining([
        'package.json',
        'dist/esm/index.js',
        'dist/esm/index.d.ts',
        'dist/cjs/index.js',
        'dist/cjs/package.json',
        'bin/galley.cjs',
        'dist/cli/galley.cjs',
        'dist/esm/prompt-file/index.js',
        'dist/esm/prompt-file/index.d.ts',
        'dist/cjs/prompt-file/index.js',
      ]),
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
    expect(fs.readdirSync(path.join(dir, 'node_modules')).sort()).toEqual(['.bin', '.package-lock.json', '@galley']);

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

    // The CLI ships in the package: its bin runs with no dependencies installed, and the prompt
    // file format is importable from both module systems (yaml is bundled inside).
    expect(run(path.join(dir, 'node_modules', '.bin', 'galley'), ['--version'], dir).trim()).toBe('0.1.0');
    fs.writeFileSync(path.join(dir, 'format.mjs'), FORMAT_ESM);
    fs.writeFileSync(path.join(dir, 'format.cjs'), FORMAT_CJS);
    const roundTrips = [run(process.execPath, ['format.mjs'], dir), run(process.execPath, ['format.cjs'], dir)].map((out) =>
      JSON.parse(out),
    );
    for (const out of roundTrips) expect(out).toEqual({ same: true, fence: true });
    expect(expected.messages).toEqual([
      { role: 'system', content: 'You help Ada. Literal: {{customer}}.\n\nAt most 3 items; tone friendly.' },
      { role: 'user', content: 'List 3 ideas for Ada.' },
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
