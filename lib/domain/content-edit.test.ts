import { describe, expect, it } from 'vitest';
import type { Content } from './content';
import {
  duplicateBlock,
  insertBlock,
  moveBlock,
  removeBlock,
  removeVariable,
  restoreBlock,
  updateBlock,
  upsertVariable,
} from './content-edit';

const content: Content = {
  blocks: [
    { id: 'a', kind: 'system', title: 'A', body: 'alpha', enabled: true },
    { id: 'b', kind: 'instructions', title: 'B', body: 'beta', enabled: true },
    { id: 'c', kind: 'user', title: 'C', body: '{{q}}', enabled: false },
  ],
  variables: [{ name: 'q', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', params: {} },
};
const ids = (c: Content) => c.blocks.map((b) => b.id);

describe('content edits', () => {
  it('moves a block up, down and clamps at the ends', () => {
    expect(ids(moveBlock(content, 'c', 0))).toEqual(['c', 'a', 'b']);
    expect(ids(moveBlock(content, 'a', 1))).toEqual(['b', 'a', 'c']);
    expect(ids(moveBlock(content, 'a', 99))).toEqual(['b', 'c', 'a']);
    expect(moveBlock(content, 'missing', 0)).toBe(content);
  });

  it('duplicates right after the source with a fresh id', () => {
    const next = duplicateBlock(content, 'b');
    expect(next.blocks).toHaveLength(4);
    expect(next.blocks[2]).toMatchObject({ kind: 'instructions', title: 'B (copy)', body: 'beta' });
    expect(next.blocks[2]!.id).not.toBe('b');
  });

  it('removes and restores a block at its old index', () => {
    const { content: without, removed } = removeBlock(content, 'b');
    expect(ids(without)).toEqual(['a', 'c']);
    expect(ids(restoreBlock(without, removed!))).toEqual(['a', 'b', 'c']);
    expect(restoreBlock(content, removed!)).toBe(content);
  });

  it('inserts a new block of a kind at an index', () => {
    const next = insertBlock(content, 'examples', 1);
    expect(next.blocks[1]!.kind).toBe('examples');
    expect(next.blocks).toHaveLength(4);
  });

  it('updates one block without touching the others or the input', () => {
    const next = updateBlock(content, 'a', { body: 'changed', enabled: false });
    expect(next.blocks[0]).toMatchObject({ body: 'changed', enabled: false });
    expect(next.blocks[1]).toBe(content.blocks[1]);
    expect(content.blocks[0]!.body).toBe('alpha');
  });

  it('defines, edits and removes variables', () => {
    const added = upsertVariable(content, 'tone', { type: 'string', required: false });
    expect(added.variables.map((v) => v.name)).toEqual(['q', 'tone']);
    const edited = upsertVariable(added, 'q', { type: 'number' });
    expect(edited.variables[0]).toMatchObject({ name: 'q', type: 'number', required: true });
    expect(removeVariable(edited, 'q').variables.map((v) => v.name)).toEqual(['tone']);
  });
});
