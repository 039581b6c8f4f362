import { describe, expect, it } from 'vitest';
import type { Block, Content, Variable } from './content';
import { extractVariableNames, findTokens, syncVariables, usedVariableNames, variableDiagnostics } from './variables';

function contentWith(bodies: (string | [string, boolean])[], variables: Variable[] = []): Content {
  const blocks: Block[] = bodies.map((entry, i) => {
    const [body, enabled] = typeof entry === 'string' ? [entry, true] : entry;
    return { id: `b${i}`, kind: 'context', title: '', body, enabled };
  });
  return { blocks, variables, model: { provider: 'p', model: 'm', params: {} } };
}

const stringVar = (name: string): Variable => ({ name, type: 'string', required: true });

describe('findTokens', () => {
  it('reports offsets that slice back to the token text', () => {
    const text = 'Hi {{name}}, see {{  topic\t}}.';
    const tokens = findTokens(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['{{name}}', '{{  topic\t}}']);
    expect(tokens.map((t) => t.name)).toEqual(['name', 'topic']);
    expect(tokens.every((t) => t.valid && !t.escaped)).toBe(true);
  });

  it('marks escaped tokens and starts them at the backslash', () => {
    const text = 'a \\{{name}} b';
    expect(findTokens(text)).toEqual([{ name: 'name', start: 2, end: 11, valid: true, escaped: true }]);
  });

  it('reports tokens whose inner text is not a valid name as invalid', () => {
    const tokens = findTokens('{{ first name }} {{1x}} {{}} {{ a.b }}');
    expect(tokens.map((t) => [t.name, t.valid])).toEqual([
      ['first name', false],
      ['1x', false],
      ['', false],
      ['a.b', false],
    ]);
  });

  it('does not let a token span lines or contain braces', () => {
    expect(findTokens('{{ a\n}} {{ b')).toEqual([]);
    expect(findTokens('{"a": {"b": 1}}')).toEqual([]);
  });

  it('finds the innermost token inside extra braces', () => {
    const tokens = findTokens('{{{x}}}');
    expect(tokens).toEqual([{ name: 'x', start: 1, end: 6, valid: true, escaped: false }]);
  });

  it('returns nothing for text without tokens', () => {
    expect(findTokens('plain { text } with {single} braces')).toEqual([]);
  });
});

describe('extractVariableNames', () => {
  it('returns unique names in order of first appearance', () => {
    expect(extractVariableNames('{{b}} {{a}} {{ b }} {{c}} {{a}}')).toEqual(['b', 'a', 'c']);
  });

  it('ignores escaped and invalid tokens', () => {
    expect(extractVariableNames('\\{{hidden}} {{ not valid }} {{shown}}')).toEqual(['shown']);
  });

  it('still counts a name that is both escaped once and used once', () => {
    expect(extractVariableNames('\\{{x}} and {{x}}')).toEqual(['x']);
  });

  it('treats names as case-sensitive', () => {
    expect(extractVariableNames('{{Name}} {{name}}')).toEqual(['Name', 'name']);
  });
});

describe('usedVariableNames', () => {
  it('unions all blocks in order, disabled blocks included', () => {
    const content = contentWith(['{{a}} {{b}}', ['{{c}} {{a}}', false], '{{d}}']);
    expect(usedVariableNames(content)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('does not read block titles', () => {
    const content = contentWith(['body']);
    content.blocks[0].title = '{{title_var}}';
    expect(usedVariableNames(content)).toEqual([]);
  });
});

describe('variableDiagnostics', () => {
  it('lists used-but-undefined and defined-but-unused names', () => {
    const content = contentWith(['{{a}} {{b}}', ['{{c}}', false]], [stringVar('z'), stringVar('a'), stringVar('y')]);
    expect(variableDiagnostics(content)).toEqual({ undefinedVariables: ['b', 'c'], unusedVariables: ['z', 'y'] });
  });

  it('reports nothing when definitions and usage agree', () => {
    const content = contentWith(['{{a}}'], [stringVar('a')]);
    expect(variableDiagnostics(content)).toEqual({ undefinedVariables: [], unusedVariables: [] });
  });

  it('does not count an escaped mention as a use', () => {
    const content = contentWith(['\\{{a}}'], [stringVar('a')]);
    expect(variableDiagnostics(content).unusedVariables).toEqual(['a']);
  });
});

describe('syncVariables', () => {
  it('appends a required string definition for each undefined name, in order of use', () => {
    const existing: Variable = { name: 'a', type: 'number', required: false, default: 2, description: 'kept' };
    const unused = stringVar('unused');
    const content = contentWith(['{{b}} {{a}} {{c}} {{b}}'], [existing, unused]);
    expect(syncVariables(content)).toEqual([existing, unused, stringVar('b'), stringVar('c')]);
  });

  it('does not mutate the content', () => {
    const content = contentWith(['{{a}}']);
    syncVariables(content);
    expect(content.variables).toEqual([]);
  });

  it('is idempotent', () => {
    const content = contentWith(['{{a}} {{b}}']);
    const once = syncVariables(content);
    expect(syncVariables({ ...content, variables: once })).toEqual(once);
  });
});
