// Pure edits of a Content value, used by the block editor. Each returns a new object.
import { newBlock, type Block, type BlockKind, type Content, type Variable } from './content';

export function updateBlock(content: Content, id: string, patch: Partial<Omit<Block, 'id'>>): Content {
  return { ...content, blocks: content.blocks.map((b) => (b.id === id ? { ...b, ...patch } : b)) };
}

export function insertBlock(content: Content, kind: BlockKind, index = content.blocks.length): Content {
  const blocks = [...content.blocks];
  blocks.splice(index, 0, newBlock(kind));
  return { ...content, blocks };
}

export function duplicateBlock(content: Content, id: string): Content {
  const index = content.blocks.findIndex((b) => b.id === id);
  if (index < 0) return content;
  const source = content.blocks[index]!;
  const copy = {
    ...newBlock(source.kind),
    title: `${source.title} (copy)`.slice(0, 200),
    body: source.body,
    enabled: source.enabled,
    ...(source.include && { include: source.include }),
    ...(source.placeholder && { placeholder: source.placeholder }),
  };
  const blocks = [...content.blocks];
  blocks.splice(index + 1, 0, copy);
  return { ...content, blocks };
}

export function removeBlock(content: Content, id: string): { content: Content; removed: { block: Block; index: number } | null } {
  const index = content.blocks.findIndex((b) => b.id === id);
  if (index < 0) return { content, removed: null };
  return { content: { ...content, blocks: content.blocks.filter((b) => b.id !== id) }, removed: { block: content.blocks[index]!, index } };
}

export function restoreBlock(content: Content, removed: { block: Block; index: number }): Content {
  if (content.blocks.some((b) => b.id === removed.block.id)) return content;
  const blocks = [...content.blocks];
  blocks.splice(Math.min(removed.index, blocks.length), 0, removed.block);
  return { ...content, blocks };
}

/** Moves the block with `id` to `toIndex` (clamped). */
export function moveBlock(content: Content, id: string, toIndex: number): Content {
  const from = content.blocks.findIndex((b) => b.id === id);
  if (from < 0) return content;
  const to = Math.max(0, Math.min(toIndex, content.blocks.length - 1));
  if (from === to) return content;
  const blocks = [...content.blocks];
  const [block] = blocks.splice(from, 1);
  blocks.splice(to, 0, block!);
  return { ...content, blocks };
}

export function upsertVariable(content: Content, name: string, patch: Partial<Variable>): Content {
  const exists = content.variables.some((v) => v.name === name);
  const variables = exists
    ? content.variables.map((v) => (v.name === name ? ({ ...v, ...patch } as Variable) : v))
    : [...content.variables, { name, type: 'string', required: true, ...patch } as Variable];
  return { ...content, variables };
}

export function removeVariable(content: Content, name: string): Content {
  return { ...content, variables: content.variables.filter((v) => v.name !== name) };
}
