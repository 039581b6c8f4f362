// Includes against a real database: resolved on save, frozen at publish (republishing the
// included prompt changes nothing a dependent serves, byte for byte), used-by, and updates.
import { describe, expect, it } from 'vitest';
import { handleApiRequest } from '@/lib/api/handler';
import type { ApiRequest } from '@/lib/api/http';
import { createApiKey } from '@/lib/data/api-keys';
import { listDependents, listIncludeUpdates, updateIncludes } from '@/lib/data/dependents';
import { createPrompt, getPrompt, getRevisionContent } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { saveDraft } from '@/lib/data/revisions';
import { db } from '@/lib/data/db';
import type { Block, Content } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import { systemContent, userContent } from '../factories';
import { newTenant } from './helpers';

type Ctx = Awaited<ReturnType<typeof newTenant>>;

const include = (slug: string, pin: 'production' | { release: number } = 'production', id = 'inc'): Block => ({
  id,
  kind: 'include',
  title: slug,
  body: '',
  enabled: true,
  include: { promptSlug: slug, pin },
});
const withInclude = (slug: string, body = 'Hello', pin?: 'production' | { release: number }): Content => {
  const base = userContent(body);
  return { ...base, blocks: [include(slug, pin), ...base.blocks] };
};

async function call(key: string, url: string, init: Partial<ApiRequest> = {}) {
  const res = await handleApiRequest({ method: 'GET', url, ...init, headers: { authorization: `Bearer ${key}`, ...init.headers } });
  return { status: res.status, etag: res.headers.etag, text: res.body?.toString('utf8') ?? '' };
}

async function publishHead(ctx: Ctx, slug: string) {
  const prompt = await getPrompt(ctx, slug);
  return publishRevision(ctx, { promptId: prompt.id, revisionId: prompt.headRevision!.id, note: '', draftPolicy: 'reset' });
}

async function saveHead(ctx: Ctx, slug: string, content: Content) {
  const prompt = await getPrompt(ctx, slug);
  return saveDraft(ctx, { promptId: prompt.id, baseRevisionId: prompt.headRevision!.id, content });
}

async function invalidMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

async function setup() {
  const ctx = await newTenant();
  await createPrompt(ctx, { name: 'Tone guide', slug: 'tone-guide', description: '', tags: [] }, systemContent('Be kind (v1).'));
  await publishHead(ctx, 'tone-guide');
  await createPrompt(ctx, { name: 'Support', slug: 'support', description: '', tags: [] }, userContent('Help me'));
  await saveHead(ctx, 'support', withInclude('tone-guide', 'Help me'));
  await publishHead(ctx, 'support');
  const prod = (await createApiKey(ctx, { name: 'prod', environment: 'production' })).key;
  const dev = (await createApiKey(ctx, { name: 'dev', environment: 'development' })).key;
  return { ctx, prod, dev };
}

describe('includes', () => {
  it('freezes at publish: republishing the included prompt leaves the dependent byte-for-byte unchanged', async () => {
    const { ctx, prod } = await setup();
    const before = await call(prod, '/api/v1/prompts/support');
    expect(before.status).toBe(200);
    const body = JSON.parse(before.text);
    expect(body.content.blocks.map((b: Block) => [b.id, b.kind, b.body])).toEqual([
      ['inc_sys', 'system', 'Be kind (v1).'],
      ['usr', 'user', 'Help me'],
    ]);
    expect(body.resolvedIncludes).toEqual([{ slug: 'tone-guide', pin: 'production', version: 1, frozen: true }]);

    await saveHead(ctx, 'tone-guide', systemContent('Be kind (v2).'));
    await publishHead(ctx, 'tone-guide');
    const after = await call(prod, '/api/v1/prompts/support');
    expect(after.text).toBe(before.text);
    expect(after.etag).toBe(before.etag);
    const render = await call(prod, '/api/v1/prompts/support/render', { method: 'POST', body: Buffer.from('{}') });
    expect(JSON.parse(render.text).messages[0]).toEqual({ role: 'system', content: 'Be kind (v1).' });

    // The graph: support v1 stands on tone-guide v1.
    const prisma = await db();
    const support = await getPrompt(ctx, 'support');
    const edges = await prisma.releaseInclude.findMany({
      where: { release: { promptId: support.id } },
      select: { direct: true, included: { select: { version: true } } },
    });
    expect(edges).toEqual([{ direct: true, included: { version: 1 } }]);
    await expect(prisma.releaseInclude.deleteMany({ where: { release: { promptId: support.id } } })).rejects.toThrow(/immutable/);
  });

  it('lists dependents and offers, then applies, the update as a new revision', async () => {
    const { ctx, prod, dev } = await setup();
    const tone = await getPrompt(ctx, 'tone-guide');
    expect(await listDependents(ctx, tone.id)).toMatchObject([
      { slug: 'support', draft: { pin: 'production', version: 1 }, releases: [{ version: 1, includedVersion: 1 }] },
    ]);
    const support = await getPrompt(ctx, 'support');
    expect(await listIncludeUpdates(ctx, support.id)).toEqual([]);

    await saveHead(ctx, 'tone-guide', systemContent('Be kind (v2).'));
    await publishHead(ctx, 'tone-guide');
    // An autosave of the dependent does not move its include on its own.
    const touched = await saveHead(ctx, 'support', withInclude('tone-guide', 'Help me!'));
    expect(touched.content.blocks[0]!.include!.resolved!.version).toBe(1);
    const updates = await listIncludeUpdates(ctx, support.id);
    expect(updates).toMatchObject([{ slug: 'tone-guide', has: 1, available: 2 }]);
    expect(updates[0]!.after.blocks[0]!.body).toBe('Be kind (v2).');

    const updated = await updateIncludes(ctx, support.id, touched.revision.id);
    expect(updated.saved).toBe(true);
    expect(updated.content.blocks[0]!.include!.resolved!.version).toBe(2);
    expect(await listIncludeUpdates(ctx, support.id)).toEqual([]);
    const draft = JSON.parse((await call(dev, '/api/v1/prompts/support')).text);
    expect(draft.resolvedIncludes).toEqual([{ slug: 'tone-guide', pin: 'production', version: 2, frozen: false }]);
    // Production still serves the frozen v1 until support is published again.
    expect(JSON.parse((await call(prod, '/api/v1/prompts/support')).text).content.blocks[0].body).toBe('Be kind (v1).');
    await publishHead(ctx, 'support');
    expect(JSON.parse((await call(prod, '/api/v1/prompts/support')).text).content.blocks[0].body).toBe('Be kind (v2).');
    expect((await listDependents(ctx, tone.id))[0]!.releases).toEqual([
      { version: 2, includedVersion: 2 },
      { version: 1, includedVersion: 1 },
    ]);
  });

  it('refuses cycles naming the path, unknown prompts, unpublished ones, other workspaces and conflicting variables', async () => {
    const { ctx } = await setup();
    // tone-guide including support closes tone-guide → support → tone-guide.
    expect(await invalidMessage(saveHead(ctx, 'tone-guide', withInclude('support')))).toBe(
      'invalid: Including "support" would make a cycle: tone-guide → support → tone-guide',
    );
    expect(await invalidMessage(saveHead(ctx, 'support', withInclude('support')))).toBe(
      'invalid: A prompt cannot include itself: support → support',
    );
    expect(await invalidMessage(saveHead(ctx, 'support', withInclude('nope')))).toBe(
      'invalid: No prompt "nope" in this workspace to include',
    );
    await createPrompt(ctx, { name: 'Draft only', slug: 'draft-only', description: '', tags: [] }, systemContent('x'));
    expect(await invalidMessage(saveHead(ctx, 'support', withInclude('draft-only')))).toBe(
      'invalid: "draft-only" has no release yet; publish it before including it',
    );
    expect(await invalidMessage(saveHead(ctx, 'support', withInclude('tone-guide', 'x', { release: 9 })))).toBe(
      'invalid: "tone-guide" has no release v9',
    );
    const other = await newTenant('Other');
    await createPrompt(other, { name: 'Theirs', slug: 'theirs', description: '', tags: [] }, systemContent('secret'));
    await publishHead(other, 'theirs');
    expect(await invalidMessage(saveHead(ctx, 'support', withInclude('theirs')))).toBe(
      'invalid: No prompt "theirs" in this workspace to include',
    );

    await saveHead(ctx, 'tone-guide', { ...systemContent('Hi {{name}}'), variables: [{ name: 'name', type: 'string', required: true }] });
    await publishHead(ctx, 'tone-guide');
    const conflicting = {
      ...withInclude('tone-guide', 'x', { release: 2 }),
      variables: [{ name: 'name', type: 'number' as const, required: true }],
    };
    expect(await invalidMessage(saveHead(ctx, 'support', conflicting))).toBe(
      'invalid: Variable "name" is defined differently in "support" and "tone-guide"',
    );
  });

  it('never trusts a resolution sent by the client', async () => {
    const { ctx } = await setup();
    const forged = withInclude('tone-guide', 'Help me');
    const support = await getPrompt(ctx, 'support');
    const head = support.headRevision!;
    const real = ((await getRevisionContent(ctx, support.id, head.id)) as Content).blocks[0]!.include!.resolved!;
    forged.blocks[0]!.include!.resolved = { ...real, blocks: [{ id: 'x', kind: 'system', title: '', body: 'FORGED', enabled: true }] };
    const saved = await saveDraft(ctx, { promptId: support.id, baseRevisionId: head.id, content: forged });
    expect(saved.content.blocks[0]!.include!.resolved!.blocks[0]!.body).toBe('Be kind (v1).');
  });

  it('render inserts placeholder messages; a missing required placeholder is a 422 naming it', async () => {
    const { ctx, prod } = await setup();
    const content = userContent('{{q}}', { system: 'You help.', variables: [{ name: 'q', type: 'string', required: true }] });
    content.blocks.splice(1, 0, {
      id: 'h',
      kind: 'placeholder',
      title: 'History',
      body: '',
      enabled: true,
      placeholder: { name: 'history', required: true },
    });
    await saveHead(ctx, 'support', content);
    await publishHead(ctx, 'support');
    const post = (body: unknown) =>
      call(prod, '/api/v1/prompts/support/render', { method: 'POST', body: Buffer.from(JSON.stringify(body)) });
    const missing = await post({ variables: { q: 'Now?' } });
    expect(missing.status).toBe(422);
    expect(JSON.parse(missing.text).error.message).toBe('Missing required placeholder "history"');
    const badRole = await post({ variables: { q: 'Now?' }, placeholders: { history: [{ role: 'robot', content: 'x' }] } });
    expect(badRole.status).toBe(422);
    const ok = await post({
      variables: { q: 'Now?' },
      placeholders: {
        history: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
        ],
      },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text).messages).toEqual([
      { role: 'system', content: 'You help.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: 'Now?' },
    ]);
  });

  it('nests: a prompt created with an include is resolved too, and a dependent of it serves both levels', async () => {
    // Regression: createPrompt stored initial content without resolving its includes, so a
    // second level silently vanished from everything that included it.
    const { ctx, prod } = await setup();
    await createPrompt(ctx, { name: 'Mid', slug: 'mid', description: '', tags: [] }, withInclude('tone-guide', 'Mid text'));
    await publishHead(ctx, 'mid');
    await createPrompt(ctx, { name: 'Top', slug: 'top', description: '', tags: [] }, withInclude('mid', 'Top text'));
    await publishHead(ctx, 'top');
    const top = JSON.parse((await call(prod, '/api/v1/prompts/top')).text);
    expect(top.content.blocks.map((b: Block) => b.body)).toEqual(['Be kind (v1).', 'Mid text', 'Top text']);
    const prisma = await db();
    const edges = await prisma.releaseInclude.findMany({
      where: { release: { prompt: { slug: 'top', workspaceId: ctx.workspaceId } } },
      select: { direct: true, included: { select: { prompt: { select: { slug: true } } } } },
      orderBy: { direct: 'desc' },
    });
    expect(edges.map((e) => [e.included.prompt.slug, e.direct])).toEqual([
      ['mid', true],
      ['tone-guide', false],
    ]);
  });
});
