// The `galley` CLI as people use it: the real built binary, run with child_process in a
// `git init`ed directory against the running app and its write API. Login, pull, a one-word
// edit that git sees as one line, diff, push, a conflict after someone saves in the app, --force,
// publish (and a closed gate), a malformed file, the server's field errors, export and import.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { callAction } from './action-client';
import { createPromptWithId, loadHead, publishEdited, saveContent, signUpOwner, type Owner } from './api-setup';
import { git, runIn } from './cli-run';
import { expect, test } from './fixtures';
import { ok } from './helpers';

const CREATE_TOKEN = 'lib/actions/service-tokens.ts#createServiceToken';
const UPDATE_POLICY = 'lib/actions/policy.ts#updateWorkspacePolicy';

async function serviceToken(owner: Owner, name: string): Promise<string> {
  const created = ok(
    await callAction<{ token: string }>(owner.client, `/w/${owner.ws}/settings`, CREATE_TOKEN, [
      { workspace: owner.ws, name, role: 'publisher', expiresInDays: null },
    ]),
    'createServiceToken',
  );
  return created.token;
}

/** The write API as the token sees it, to check what the CLI did without trusting its output. */
async function head(baseURL: string, token: string, slug: string) {
  const url = `${baseURL}/api/v1/workspace/prompts/${slug}`;
  const get = () => fetch(url, { headers: { authorization: `Bearer ${token}` } });
  // A kept-alive socket the server closed while the CLI ran fails once; a new one does not.
  const res = await get().catch(get);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    prompt: { name: string };
    head: { number: number; contentHash: string; authorName: string; content: { blocks: { body: string }[] } };
    production: { version: number } | null;
  };
}

test('galley: pull, edit, diff, push, conflict, --force, publish, bad files, export and import', async ({ baseURL }) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('The Playwright project needs a baseURL');
  const id = randomBytes(4).toString('hex');
  const clients: APIRequestContext[] = [];
  const track = (c: APIRequestContext) => clients.push(c);
  const ownerName = `Ada ${id}`;
  const owner = await signUpOwner(baseURL, ownerName, `cli-${id}@example.test`, 'e2e-Cli-Spec-4242', track);
  const prompt = await createPromptWithId(owner, `Support ${id}`, `support-${id}`);
  const slug = prompt.slug;
  await publishEdited(
    owner,
    prompt,
    (content) => {
      content.blocks = [
        { id: 'sys', kind: 'system', title: 'System', body: 'You are a careful support agent.\n---\n# Rules\nBe brief.  ', enabled: true },
        { id: 'user', kind: 'user', title: 'User', body: 'Question: {{question}}', enabled: true },
      ];
      content.variables = [{ name: 'question', type: 'string', required: true }];
    },
    'first',
  );
  const token = await serviceToken(owner, `ci-bot-${id}`);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-cli-'));
  const repo = path.join(root, 'repo');
  const home = path.join(root, 'home');
  fs.mkdirSync(repo);
  fs.mkdirSync(home);
  const galley = runIn(repo, home);
  const file = path.join(repo, 'prompts', `${slug}.prompt.md`);
  const fileName = `prompts/${slug}.prompt.md`;
  try {
    git(repo, ['init', '-q']);
    git(repo, ['config', 'user.email', 'cli@example.test']);
    git(repo, ['config', 'user.name', 'CLI test']);

    await test.step('help and usage errors', () => {
      const help = galley(['push', '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--force');
      expect(help.stdout).toContain('3  conflict');
      expect(galley(['push', '--nope']).code).toBe(2);
      const notLoggedIn = galley(['status', '--json']);
      expect(notLoggedIn.code).toBe(2);
      expect(notLoggedIn.json()).toMatchObject({ ok: false, error: { exitCode: 2, message: expect.stringContaining('Not logged in') } });
    });

    await test.step('login checks the token and saves it for the user only', () => {
      expect(galley(['login', '--url', baseURL, '--token', 'gst_' + 'x'.repeat(40)]).code).toBe(5);
      const login = galley(['login', '--url', baseURL, '--token', token, '--json']);
      expect(login.code, login.stderr).toBe(0);
      expect(login.json()).toMatchObject({ workspace: { slug: owner.ws }, token: { name: `ci-bot-${id}`, role: 'publisher' } });
      const config = path.join(home, '.config', 'galley', 'config.json');
      expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    });

    const pulledHead = await head(baseURL, token, slug);
    await test.step('pull writes the file and the lock; a push without edits changes nothing', async () => {
      const pull = galley(['pull', '--json']);
      expect(pull.code, pull.stderr).toBe(0);
      expect(pull.json().prompts).toEqual([
        { slug, file: path.join('prompts', `${slug}.prompt.md`), revision: pulledHead.head.number, outcome: 'written' },
      ]);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain(
        '```block kind=system id=sys enabled=true title="System"\nYou are a careful support agent.\n---\n# Rules\nBe brief.  \n```',
      );
      git(repo, ['add', '.']);
      git(repo, ['commit', '-qm', 'pull']);
      const again = galley(['pull']);
      expect(again.code).toBe(0);
      expect(git(repo, ['status', '--porcelain'])).toBe('');
      const push = galley(['push', '--json']);
      expect(push.code, push.stderr).toBe(0);
      expect(push.json().prompts).toMatchObject([{ slug, outcome: 'unchanged', revision: pulledHead.head.number }]);
      expect((await head(baseURL, token, slug)).head.number).toBe(pulledHead.head.number);
      expect(galley(['status', '--json']).json().prompts).toMatchObject([{ slug, state: 'unchanged' }]);
    });

    await test.step('a one-word edit is a one-line git diff, and galley diff shows it block by block', () => {
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('careful support agent', 'patient support agent'));
      expect(git(repo, ['diff', '--numstat']).trim()).toBe(`1\t1\t${fileName}`);
      expect(galley(['status', '--json']).json().prompts).toMatchObject([{ slug, state: 'modified' }]);
      const diff = galley(['diff', slug]);
      expect(diff.code).toBe(0);
      expect(diff.stdout).toContain('~ "System" (system, id sys) changed');
      expect(diff.stdout).toContain('-You are a careful support agent.');
      expect(diff.stdout).toContain('+You are a patient support agent.');
      expect(diff.stdout).not.toContain('\u001b[');
      expect(galley(['diff', slug], { FORCE_COLOR: '1' }).stdout).toContain('\u001b[32m');
      expect(galley(['diff', slug], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
      const json = galley(['diff', '--json']).json() as { prompts: { slug: string; identical: boolean; summary: { changed: number } }[] };
      expect(json.prompts).toMatchObject([{ slug, identical: false, summary: { changed: 1 } }]);
    });

    let pushedRevision = 0;
    await test.step('push saves a revision as the token and records it', async () => {
      const push = galley(['push', '--message', 'patient', '--json']);
      expect(push.code, push.stderr).toBe(0);
      pushedRevision = pulledHead.head.number + 1;
      expect(push.json().prompts).toMatchObject([{ slug, outcome: 'saved', revision: pushedRevision }]);
      const now = await head(baseURL, token, slug);
      expect(now.head).toMatchObject({ number: pushedRevision, authorName: `ci-bot-${id} (service token)` });
      expect(now.head.content.blocks[0]!.body).toBe('You are a patient support agent.\n---\n# Rules\nBe brief.  ');
      const lock = JSON.parse(fs.readFileSync(path.join(repo, 'prompts', '.galley-lock.json'), 'utf8'));
      expect(lock.prompts[slug]).toMatchObject({ revision: pushedRevision, contentHash: now.head.contentHash });
      git(repo, ['commit', '-qam', 'patient']);
    });

    await test.step('someone saves in the app: a push is a conflict naming them, --force says what it overwrote', async () => {
      const appHead = await loadHead(owner, prompt);
      const edited = structuredClone(appHead.content);
      edited.blocks[1]!.body = 'Question from the app: {{question}}';
      await saveContent(owner, prompt, appHead.id, edited, 'save in the app');
      const theirs = await head(baseURL, token, slug);
      expect(theirs.head.authorName).toBe(ownerName);
      expect(galley(['status', '--json']).json().prompts).toMatchObject([{ slug, state: 'behind', headAuthor: ownerName }]);

      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Be brief.', 'Be very brief.'));
      const conflict = galley(['push']);
      expect(conflict.code).toBe(3);
      expect(conflict.stderr).toContain(`r${theirs.head.number} by ${ownerName}`);
      expect(conflict.stderr).toContain(`pulled from r${pushedRevision}`);
      expect((await head(baseURL, token, slug)).head.number).toBe(theirs.head.number);
      expect(galley(['status', '--json']).json().prompts).toMatchObject([{ slug, state: 'conflict' }]);

      const forced = galley(['push', '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stderr).toContain(`overwrote r${theirs.head.number} by ${ownerName}`);
      const after = await head(baseURL, token, slug);
      expect(after.head.number).toBe(theirs.head.number + 1);
      expect(after.head.content.blocks[1]!.body).toBe('Question: {{question}}');
      git(repo, ['commit', '-qam', 'very brief']);
    });

    await test.step('a stale lock is no conflict when every newer revision is the same token (CI pushing on merge)', async () => {
      const staleLock = fs.readFileSync(path.join(repo, 'prompts', '.galley-lock.json'), 'utf8');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('very brief', 'short'));
      expect(galley(['push']).code).toBe(0);
      fs.writeFileSync(path.join(repo, 'prompts', '.galley-lock.json'), staleLock); // as a CI checkout would have it
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('Be short.', 'Be short and kind.'));
      const push = galley(['push', '--json']);
      expect(push.code, push.stderr).toBe(0);
      expect(push.json().prompts).toMatchObject([{ slug, outcome: 'saved' }]);
      expect((await head(baseURL, token, slug)).head.content.blocks[0]!.body).toContain('Be short and kind.');
    });

    await test.step('publish with a note; a closed gate lists its reasons', async () => {
      const published = galley(['publish', slug, '--note', 'from the CLI', '--json']);
      expect(published.code, published.stderr).toBe(0);
      const { release } = published.json() as { release: { version: number; note: string } };
      expect(release).toMatchObject({ version: 2, note: 'from the CLI' });
      expect((await head(baseURL, token, slug)).production?.version).toBe(2);
      expect(galley(['diff', slug, '--against', 'production']).stdout).toContain('identical');

      ok(
        await callAction(owner.client, `/w/${owner.ws}/settings`, UPDATE_POLICY, [
          {
            workspace: owner.ws,
            requiredApprovals: 1,
            allowSelfApproval: false,
            requirePassingEvaluation: false,
            draftPolicy: 'retain',
            designatedReviewerIds: [],
          },
        ]),
        'updateWorkspacePolicy',
      );
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('kind.', 'kind!'));
      expect(galley(['push']).code).toBe(0);
      const refused = galley(['publish', slug, '--note', 'needs review']);
      expect(refused.code).toBe(5);
      expect(refused.stderr).toContain('Not published');
      expect(refused.stderr).toMatch(/approv/i);
      expect((await head(baseURL, token, slug)).production?.version).toBe(2);
      expect(galley(['publish', slug]).code).toBe(2);
    });

    await test.step('a malformed file names the file and line; nothing is sent', async () => {
      const good = fs.readFileSync(file, 'utf8');
      const lines = good.split('\n');
      const fenceLine = lines.findIndex((l) => l.startsWith('```block kind=user')) + 1;
      fs.writeFileSync(file, good.replace('```block kind=user', '```block kind=usr'));
      const bad = galley(['push']);
      expect(bad.code).toBe(4);
      expect(bad.stderr).toContain(`${fileName}:${fenceLine}: a block needs kind=`);
      const asJson = galley(['push', '--json']).json();
      expect(asJson).toMatchObject({ ok: false, error: { exitCode: 4, file: fileName, line: fenceLine } });

      const variableLine = lines.findIndex((l) => l.includes('- name: question')) + 1;
      const before = (await head(baseURL, token, slug)).head.number;
      fs.writeFileSync(file, good.replace('- name: question', '- name: bad-name'));
      const refused = galley(['push']);
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`${fileName}:${variableLine}: variables.0.name:`);
      expect(refused.stderr).toContain('bad-name');
      expect((await head(baseURL, token, slug)).head.number).toBe(before);
      fs.writeFileSync(file, good);
    });

    await test.step('a new file is created by push', async () => {
      const newFile = path.join(repo, 'prompts', `notes-${id}.prompt.md`);
      fs.writeFileSync(
        newFile,
        [
          '---',
          'name: Notes',
          'description: ""',
          'tags: [notes]',
          'variables: []',
          'model:',
          '  provider: openai',
          '  model: gpt-4o-mini',
          '---',
          '',
          '```block kind=user id=u enabled=true title="User"',
          'Summarise.',
          '```',
          '',
        ].join('\n'),
      );
      expect(galley(['status', '--json']).json().prompts).toEqual(
        expect.arrayContaining([expect.objectContaining({ slug: `notes-${id}`, state: 'new' })]),
      );
      const push = galley(['push', `notes-${id}`, '--json']);
      expect(push.code, push.stderr).toBe(0);
      expect(push.json().prompts).toMatchObject([{ outcome: 'created', revision: 1 }]);
      expect((await head(baseURL, token, `notes-${id}`)).head.content.blocks[0]!.body).toBe('Summarise.');
    });

    await test.step('export a workspace and import it into another (credentials from GALLEY_URL / GALLEY_TOKEN)', async () => {
      const exported = galley(['export', '--dir', '../export', '--json']);
      expect(exported.code, exported.stderr).toBe(0);
      expect((exported.json().prompts as unknown[]).length).toBe(2);
      const other = await signUpOwner(baseURL, `Bo ${id}`, `cli-b-${id}@example.test`, 'e2e-Cli-Spec-4242', track);
      const otherToken = await serviceToken(other, `importer-${id}`);
      const env = { GALLEY_URL: baseURL, GALLEY_TOKEN: otherToken };
      const imported = galley(['import', '--dir', '../export', '--json'], env);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.json().prompts).toMatchObject([{ outcome: 'created' }, { outcome: 'created' }]);
      const mine = await head(baseURL, token, slug);
      const theirs = await head(baseURL, otherToken, slug);
      expect(theirs.head.contentHash).toBe(mine.head.contentHash);
      expect(theirs.prompt.name).toBe(mine.prompt.name);
      expect(galley(['import', '--dir', '../export', '--json'], env).json().prompts).toMatchObject([
        { outcome: 'unchanged' },
        { outcome: 'unchanged' },
      ]);
    });

    await test.step('a prompt with an include and a placeholder round-trips: the file names the pin, the server resolves it', async () => {
      const hostSlug = `host-${id}`;
      const hostFile = path.join(repo, 'prompts', `${hostSlug}.prompt.md`);
      const text = [
        '---',
        'name: Host',
        'description: ""',
        'tags: []',
        'variables: []',
        'model:',
        '  provider: openai',
        '  model: gpt-4o-mini',
        '---',
        '',
        `\`\`\`block kind=include id=inc enabled=true title="Shared" include=${slug} pin=production`,
        '```',
        '',
        '```block kind=placeholder id=ph enabled=true title="History" placeholder=history required=false',
        '```',
        '',
      ].join('\n');
      fs.writeFileSync(hostFile, text);
      const push = galley(['push', hostSlug, '--json']);
      expect(push.code, push.stderr).toBe(0);
      expect(push.json().prompts).toMatchObject([{ outcome: 'created', revision: 1 }]);
      const created = (await head(baseURL, token, hostSlug)) as unknown as {
        head: { content: { blocks: { include?: { promptSlug: string; resolved?: { slug: string; version: number } } }[] } };
      };
      // "production" resolves to the release production serves now (the CLI published one above).
      const served = (await head(baseURL, token, slug)).production!.version;
      expect(created.head.content.blocks[0]!.include).toMatchObject({ promptSlug: slug, resolved: { slug, version: served } });
      expect(galley(['status', '--json']).json().prompts).toEqual(
        expect.arrayContaining([expect.objectContaining({ slug: hostSlug, state: 'unchanged' })]),
      );
      const pull = galley(['pull', hostSlug, '--json']);
      expect(pull.code, pull.stderr + pull.stdout).toBe(0);
      expect(pull.stderr).not.toContain('does not reproduce');
      expect(pull.json().prompts).toMatchObject([{ slug: hostSlug, outcome: 'unchanged', revision: 1 }]);
      expect(fs.readFileSync(hostFile, 'utf8')).toBe(text);
      expect(galley(['push', hostSlug, '--json']).json().prompts).toMatchObject([{ slug: hostSlug, outcome: 'unchanged', revision: 1 }]);
    });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    await Promise.all(clients.map((c) => c.dispose()));
  }
});
