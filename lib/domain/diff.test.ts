import { describe, expect, it } from 'vitest';
import type { Block, Content } from './content';
import { diffContent, groupDiffRows, longestIncreasingSubsequence } from './diff';

function block(id: string, body = `body of ${id}`, extra: Partial<Block> = {}): Block {
  return { id, kind: 'instructions', title: id.toUpperCase(), body, enabled: true, ...extra };
}

function content(blocks: Block[], extra: Partial<Content> = {}): Content {
  return { blocks, variables: [], model: { provider: 'openai', model: 'gpt-4o-mini', params: {} }, ...extra };
}

const ids = (d: ReturnType<typeof diffContent>) => d.blocks.map((b) => `${b.id}:${b.status}${b.moved ? '+moved' : ''}`);

describe('diffContent blocks', () => {
  it('reports identical content as identical, every block unchanged', () => {
    const c = content([block('a'), block('b')]);
    const d = diffContent(c, structuredClone(c));
    expect(ids(d)).toEqual(['a:unchanged', 'b:unchanged']);
    expect(d.summary).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      moved: 0,
      unchanged: 2,
      variablesChanged: 0,
      modelChanged: 0,
      identical: true,
    });
    expect(d.model).toEqual([]);
  });

  it('matches blocks by id, not position or text', () => {
    const before = content([block('a', 'same text'), block('b', 'other')]);
    const after = content([block('b', 'other'), block('c', 'same text')]);
    const d = diffContent(before, after);
    expect(ids(d)).toEqual(['a:removed', 'b:unchanged', 'c:added']);
    expect(d.summary).toMatchObject({ added: 1, removed: 1, moved: 0, identical: false });
  });

  it('lists which fields of a block changed', () => {
    const before = content([block('a', 'x', { title: 'T', kind: 'system', enabled: true })]);
    const after = content([block('a', 'y', { title: 'U', kind: 'guardrails', enabled: false })]);
    const [a] = diffContent(before, after).blocks;
    expect(a).toMatchObject({ status: 'changed', changes: ['kind', 'title', 'body', 'enabled'], fromIndex: 0, toIndex: 0, moved: false });
    expect(a!.before!.body).toBe('x');
    expect(a!.after!.body).toBe('y');
    const onlyTitle = diffContent(content([block('a')]), content([block('a', undefined, { title: 'New' })])).blocks[0];
    expect(onlyTitle!.changes).toEqual(['title']);
  });

  it('flags only the block that moved, not every block after it', () => {
    const before = content(['a', 'b', 'c', 'd', 'e'].map((id) => block(id)));
    const after = content(['a', 'c', 'd', 'e', 'b'].map((id) => block(id)));
    const d = diffContent(before, after);
    expect(ids(d)).toEqual(['a:unchanged', 'c:unchanged', 'd:unchanged', 'e:unchanged', 'b:unchanged+moved']);
    expect(d.blocks.at(-1)).toMatchObject({ fromIndex: 1, toIndex: 4 });
    expect(d.summary).toMatchObject({ moved: 1, unchanged: 5, identical: false });
  });

  it('reports a moved block that also changed as changed and moved', () => {
    const before = content([block('a'), block('b'), block('c')]);
    const after = content([block('c', 'edited'), block('a'), block('b')]);
    const d = diffContent(before, after);
    expect(ids(d)).toEqual(['c:changed+moved', 'a:unchanged', 'b:unchanged']);
    expect(d.summary).toMatchObject({ changed: 1, moved: 1, unchanged: 2 });
  });

  it('keeps removed blocks at their old position among the blocks that stayed', () => {
    const before = content(['x', 'a', 'y', 'b', 'z'].map((id) => block(id)));
    const after = content([block('a'), block('n'), block('b')]);
    expect(ids(diffContent(before, after))).toEqual(['x:removed', 'a:unchanged', 'y:removed', 'n:added', 'b:unchanged', 'z:removed']);
  });

  it('treats everything as added when nothing is published', () => {
    const after = content([block('a'), block('b')], {
      variables: [{ name: 'city', type: 'string', required: true }],
    });
    const d = diffContent(null, after);
    expect(ids(d)).toEqual(['a:added', 'b:added']);
    expect(d.blocks.map((b) => b.toIndex)).toEqual([0, 1]);
    expect(d.variables).toEqual([{ name: 'city', status: 'added', after: after.variables[0], changes: [] }]);
    expect(d.model.map((m) => m.key)).toEqual(['provider', 'model']);
    expect(d.summary).toMatchObject({ added: 2, removed: 0, identical: false });
  });

  it('handles an empty side', () => {
    const d = diffContent(content([block('a')]), content([]));
    expect(ids(d)).toEqual(['a:removed']);
    expect(d.blocks[0]!.fromIndex).toBe(0);
  });
});

describe('diffContent variables and model', () => {
  it('diffs variables by name, with the fields that changed', () => {
    const before = content([], {
      variables: [
        { name: 'keep', type: 'string', required: true },
        { name: 'edit', type: 'json', required: false, default: { a: 1, b: 2 } },
        { name: 'gone', type: 'number', required: false },
      ],
    });
    const after = content([], {
      variables: [
        { name: 'edit', type: 'json', required: true, default: { b: 2, a: 1 }, description: 'now documented' },
        { name: 'keep', type: 'string', required: true },
        { name: 'new', type: 'boolean', required: false, default: false },
      ],
    });
    const d = diffContent(before, after);
    expect(d.variables.map((v) => [v.name, v.status, v.changes])).toEqual([
      ['edit', 'changed', ['required', 'description']],
      ['keep', 'unchanged', []],
      ['new', 'added', []],
      ['gone', 'removed', []],
    ]);
    expect(d.summary.variablesChanged).toBe(3);
  });

  it('reports only the model keys that changed, params per top-level key and by canonical JSON', () => {
    const before = content([], {
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        temperature: 0.7,
        params: { stop: ['x'], response_format: { type: 'json', strict: true }, seed: 1 },
      },
    });
    const after = content([], {
      model: {
        provider: 'openai',
        model: 'gpt-4o-mini',
        maxTokens: 500,
        params: { response_format: { strict: true, type: 'json' }, seed: 2, user: 'u' },
      },
    });
    const d = diffContent(before, after);
    expect(d.model).toEqual([
      { key: 'model', before: 'gpt-4o', after: 'gpt-4o-mini' },
      { key: 'temperature', before: 0.7, after: undefined },
      { key: 'maxTokens', before: undefined, after: 500 },
      { key: 'params.seed', before: 1, after: 2 },
      { key: 'params.stop', before: ['x'], after: undefined },
      { key: 'params.user', before: undefined, after: 'u' },
    ]);
    expect(d.summary).toMatchObject({ modelChanged: 6, identical: false });
  });

  it('is not identical when only the model changed', () => {
    const before = content([block('a')]);
    const after = content([block('a')], { model: { ...before.model, temperature: 1 } });
    expect(diffContent(before, after).summary).toMatchObject({ identical: false, modelChanged: 1, unchanged: 1 });
  });
});

describe('longestIncreasingSubsequence', () => {
  it('finds one longest increasing run', () => {
    expect(longestIncreasingSubsequence([])).toEqual([]);
    expect(longestIncreasingSubsequence([0, 1, 2])).toEqual([0, 1, 2]);
    expect(longestIncreasingSubsequence([3, 0, 1, 2])).toEqual([1, 2, 3]);
    expect(longestIncreasingSubsequence([1, 2, 3, 0])).toEqual([0, 1, 2]);
    const seq = [2, 6, 3, 4, 1, 5, 0];
    const lis = longestIncreasingSubsequence(seq);
    expect(lis).toHaveLength(4); // 2, 3, 4, 5
    expect(lis.map((i) => seq[i])).toEqual([2, 3, 4, 5]);
  });

  it('stays fast on the largest prompts', () => {
    const n = 50_000;
    const seq = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const started = performance.now();
    const lis = longestIncreasingSubsequence(seq);
    expect(performance.now() - started).toBeLessThan(500);
    for (let k = 1; k < lis.length; k++) expect(seq[lis[k]!]!).toBeGreaterThan(seq[lis[k - 1]!]!);
  });
});

describe('groupDiffRows', () => {
  it('collapses runs of untouched blocks and keeps moved ones visible', () => {
    const before = content(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => block(id)));
    const after = content([block('a'), block('b'), block('c', 'edited'), block('d'), block('f'), block('e')]);
    const rows = groupDiffRows(diffContent(before, after).blocks);
    expect(rows.map((r) => (r.type === 'block' ? r.block.id : r.blocks.map((b) => b.id).join('')))).toEqual(['ab', 'c', 'd', 'f', 'e']);
    expect(rows.map((r) => r.type)).toEqual(['unchanged', 'block', 'unchanged', 'block', 'unchanged']);
  });
});
