import { describe, expect, it } from 'vitest';
import { contentHash } from './hash';
import { parseContent, type Block, type Content, type Variable } from './content';
import {
  checkIncludes,
  expandContent,
  findCycle,
  includedReleaseIds,
  mergeVariables,
  resolutionOf,
  availableUpdates,
  pinLabel,
} from './includes';
import { renderContent } from './template';

const model = { provider: 'openai', model: 'gpt-4o-mini', params: {} };
const text = (id: string, body: string, kind: Block['kind'] = 'system'): Block => ({ id, kind, title: id, body, enabled: true });
const v = (name: string, extra: Partial<Variable> = {}): Variable => ({ name, type: 'string', required: true, ...extra });

function release(promptId: string, slug: string, version: number, content: Content) {
  const built = resolutionOf({
    promptId,
    slug,
    name: slug,
    releaseId: `${slug}-v${version}`,
    version,
    contentHash: contentHash(content),
    content,
  });
  if (!built.ok) throw new Error(built.message);
  return built.resolution;
}
const includeBlock = (
  id: string,
  resolution: ReturnType<typeof release>,
  pin: 'production' | { release: number } = 'production',
): Block => ({
  id,
  kind: 'include',
  title: resolution.slug,
  body: '',
  enabled: true,
  include: { promptSlug: resolution.slug, pin, resolved: resolution },
});

const tone = release('p-tone', 'tone-guide', 3, { blocks: [text('t1', 'Be kind to {{name}}.')], variables: [v('name')], model });

describe('includes', () => {
  it('expands an include into its blocks and merges its variables', () => {
    const host: Content = { blocks: [includeBlock('inc', tone), text('u', 'Hi {{name}}', 'user')], variables: [v('name')], model };
    const expanded = expandContent(host);
    expect(expanded.ok && expanded.content.blocks.map((b) => [b.id, b.body])).toEqual([
      ['inc_t1', 'Be kind to {{name}}.'],
      ['u', 'Hi {{name}}'],
    ]);
    const rendered = renderContent(host, { name: 'Ada' });
    expect(rendered).toEqual({
      ok: true,
      messages: [
        { role: 'system', content: 'Be kind to Ada.' },
        { role: 'user', content: 'Hi Ada' },
      ],
      text: 'Be kind to Ada.\n\nHi Ada',
    });
  });

  it('a disabled include contributes nothing', () => {
    const host: Content = { blocks: [{ ...includeBlock('inc', tone), enabled: false }, text('u', 'x', 'user')], variables: [], model };
    const rendered = renderContent(host, { name: 'Ada' });
    expect(rendered.ok && rendered.messages).toEqual([{ role: 'user', content: 'x' }]);
  });

  it('refuses a variable defined differently, naming both prompts', () => {
    const host: Content = { blocks: [includeBlock('inc', tone)], variables: [v('name', { type: 'number' })], model };
    expect(checkIncludes({ promptId: 'p-host', slug: 'support' }, host)).toEqual([
      { blockIndex: 0, message: 'Variable "name" is defined differently in "support" and "tone-guide"' },
    ]);
    expect(
      mergeVariables([
        { prompt: 'a', variables: [v('x')] },
        { prompt: 'b', variables: [v('x')] },
      ]),
    ).toEqual({ ok: true, variables: [v('x')] });
  });

  it('nests: the resolution carries the graph and the depth', () => {
    const mid = release('p-mid', 'mid', 1, { blocks: [includeBlock('i', tone), text('m', 'mid')], variables: [], model });
    expect(mid.depth).toBe(2);
    expect(mid.blocks.map((b) => b.id)).toEqual(['i_t1', 'm']);
    expect(mid.graph).toEqual([{ fromPromptId: 'p-mid', promptId: 'p-tone', slug: 'tone-guide', releaseId: 'tone-guide-v3', version: 3 }]);
    const host: Content = { blocks: [includeBlock('a', mid)], variables: [], model };
    expect(includedReleaseIds(host)).toEqual([
      { releaseId: 'mid-v1', direct: true },
      { releaseId: 'tone-guide-v3', direct: false },
    ]);
  });

  it('names the path of a cycle', () => {
    // b's release includes a (an earlier release of it); a including b closes a → b → a.
    const a1 = release('p-a', 'a', 1, { blocks: [text('x', 'a')], variables: [], model });
    const b = release('p-b', 'b', 1, { blocks: [includeBlock('i', a1)], variables: [], model });
    expect(findCycle({ promptId: 'p-a', slug: 'a' }, b)).toEqual(['a', 'b', 'a']);
    const c = release('p-c', 'c', 1, { blocks: [includeBlock('i', b)], variables: [], model });
    expect(findCycle({ promptId: 'p-a', slug: 'a' }, c)).toEqual(['a', 'c', 'b', 'a']);
    expect(findCycle({ promptId: 'p-z', slug: 'z' }, c)).toBeNull();
    expect(findCycle({ promptId: 'p-a', slug: 'a' }, a1)).toEqual(['a', 'a']);
    const problems = checkIncludes({ promptId: 'p-a', slug: 'a' }, { blocks: [includeBlock('i', c)], variables: [], model });
    expect(problems).toEqual([{ blockIndex: 0, message: 'Including "c" would make a cycle: a → c → b → a' }]);
  });

  it('refuses includes nested deeper than five', () => {
    let level = tone;
    for (let i = 0; i < 4; i++) level = release(`p${i}`, `l${i}`, 1, { blocks: [includeBlock('i', level)], variables: [v('name')], model });
    expect(level.depth).toBe(5);
    const problems = checkIncludes({ promptId: 'host', slug: 'host' }, { blocks: [includeBlock('i', level)], variables: [], model });
    expect(problems[0]?.message).toBe('Including "l3" nests includes 6 deep; at most 5 are allowed');
  });

  it('offers an update when production moved past the frozen release', () => {
    const host: Content = { blocks: [includeBlock('a', tone), includeBlock('b', tone, { release: 3 })], variables: [], model };
    expect(availableUpdates(host, new Map([['p-tone', 4]]))).toEqual([{ blockId: 'a', slug: 'tone-guide', has: 3, available: 4 }]);
    expect(availableUpdates(host, new Map([['p-tone', 3]]))).toEqual([]);
    expect(pinLabel({ release: 3 })).toBe('v3');
  });

  it('the content schema ties the include field to the include kind', () => {
    const bad = parseContent({ blocks: [{ id: 'a', kind: 'include', title: '', body: '', enabled: true }], variables: [], model });
    expect(bad.ok || bad.issues).toEqual([{ path: 'blocks.0.include', message: 'Choose the prompt to include' }]);
    const good = parseContent({ blocks: [includeBlock('a', tone)], variables: [], model });
    expect(good.ok).toBe(true);
  });
});

describe('diff of includes', () => {
  it('shows a pin change and the included content change as a block change', async () => {
    const { diffContent } = await import('./diff');
    const tone4 = release('p-tone', 'tone-guide', 4, { blocks: [text('t1', 'Be very kind.')], variables: [], model });
    const before: Content = { blocks: [includeBlock('inc', tone)], variables: [v('name')], model };
    const after: Content = { blocks: [includeBlock('inc', tone4, { release: 4 })], variables: [v('name')], model };
    const diff = diffContent(before, after);
    expect(diff.blocks[0]).toMatchObject({ status: 'changed', changes: ['body'] });
    expect(diff.blocks[0]!.before!.body).toBe('Includes tone-guide, pinned to production: v3\n\n[system] Be kind to {{name}}.');
    expect(diff.blocks[0]!.after!.body).toBe('Includes tone-guide, pinned to v4: v4\n\n[system] Be very kind.');
  });
});
