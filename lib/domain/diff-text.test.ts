import { describe, expect, it } from 'vitest';
import type { Block, Content } from './content';
import { diffContent } from './diff';
import { formatDiffText } from './diff-text';

function block(id: string, body: string, extra: Partial<Block> = {}): Block {
  return { id, kind: 'instructions', title: id.toUpperCase(), body, enabled: true, ...extra };
}

function content(blocks: Block[], extra: Partial<Content> = {}): Content {
  return { blocks, variables: [], model: { provider: 'openai', model: 'gpt-4o-mini', params: {} }, ...extra };
}

const text = (before: Content, after: Content) => formatDiffText(diffContent(before, after), 'v1', 'v2');

describe('formatDiffText', () => {
  it('says when the two sides are identical', () => {
    const c = content([block('a', 'same')]);
    expect(text(c, structuredClone(c))).toBe('v1 and v2 are identical.');
  });

  it('shows a changed body as a unified line diff with context', () => {
    const before = content([block('a', 'one\ntwo\nthree\nfour\nfive\nsix')]);
    const after = content([block('a', 'one\ntwo\nthree\nFOUR\nfive\nsix')]);
    expect(text(before, after)).toBe(
      [
        'Changes from v1 to v2: blocks 1 changed.',
        '',
        'Blocks:',
        '~ "A" (instructions, id a) changed',
        '    @@ -2,5 +2,5 @@',
        '     two',
        '     three',
        '    -four',
        '    +FOUR',
        '     five',
        '     six',
      ].join('\n'),
    );
  });

  it('lists added, removed and moved blocks, other changed fields, and collapses unchanged runs', () => {
    const before = content([block('a', 'A'), block('b', 'B'), block('c', 'C'), block('gone', 'old line')]);
    const after = content([
      block('b', 'B'),
      block('c', 'C', { title: 'Renamed', enabled: false }),
      block('a', 'A'),
      block('new', 'first\nsecond', { kind: 'examples' }),
    ]);
    const out = text(before, after);
    expect(out).toContain('Changes from v1 to v2: blocks 1 changed, 1 added, 1 removed, 1 moved.');
    expect(out).toContain('  (1 unchanged block)');
    expect(out).toContain('~ "Renamed" (instructions, id c) changed\n    title: "C" → "Renamed"\n    enabled: true → false');
    expect(out).toContain('↕ "A" (instructions, id a) moved from position 1 to position 3');
    expect(out).toContain('+ "NEW" (examples, id new) added at position 4\n    +first\n    +second');
    expect(out).toContain('- "GONE" (instructions, id gone) removed from position 4\n    -old line');
  });

  it('covers variables and model settings', () => {
    const before = content([block('a', 'x')], {
      variables: [
        { name: 'kept', type: 'string', required: true },
        { name: 'dropped', type: 'number', required: false, default: 3 },
      ],
      model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.7, params: {} },
    });
    const after = content([block('a', 'x')], {
      variables: [
        { name: 'kept', type: 'string', required: false, default: '' },
        { name: 'added', type: 'json', required: true },
      ],
      model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.2, params: { seed: 1 } },
    });
    const out = text(before, after);
    expect(out).toContain('Changes from v1 to v2: 3 variables changed; 2 model settings changed.');
    expect(out).toContain(
      'Variables:\n~ kept: required true → false, default (none) → ""\n+ added: json, required\n- dropped: number, optional, default 3',
    );
    expect(out).toContain('Model settings:\n~ temperature: 0.7 → 0.2\n~ params.seed: (none) → 1');
  });
});
