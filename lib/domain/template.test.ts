import { describe, expect, it } from 'vitest';
import type { Block, BlockKind, Content, Variable } from './content';
import { checkVariableValues, coerceSampleValue, compileTemplate, renderContent, renderTemplate } from './template';

const v = (name: string, type: Variable['type'], extra: Partial<Variable> = {}): Variable => ({
  name,
  type,
  required: true,
  ...extra,
});

describe('checkVariableValues', () => {
  it('passes values of the declared types through', () => {
    const defs = [v('s', 'string'), v('n', 'number'), v('b', 'boolean'), v('j', 'json')];
    const values = { s: 'x', n: 0, b: false, j: { list: [1, null] } };
    expect(checkVariableValues(defs, values)).toEqual({ ok: true, values, ignored: [] });
  });

  it('names each missing required variable', () => {
    const result = checkVariableValues([v('a', 'string'), v('b', 'number')], { b: undefined });
    expect(result).toEqual({
      ok: false,
      errors: [
        { variable: 'a', message: 'Missing required variable "a"' },
        { variable: 'b', message: 'Missing required variable "b"' },
      ],
    });
  });

  it('uses the default when a value is absent, even for a required variable', () => {
    const defs = [v('a', 'number', { default: 3 }), v('b', 'string', { required: false, default: 'd' })];
    expect(checkVariableValues(defs, {})).toMatchObject({ ok: true, values: { a: 3, b: 'd' } });
  });

  it('prefers a given value over the default', () => {
    expect(checkVariableValues([v('a', 'number', { default: 3 })], { a: 4 })).toMatchObject({ values: { a: 4 } });
  });

  it('fills an absent optional variable without a default with an empty string', () => {
    const result = checkVariableValues([v('a', 'number', { required: false })], {});
    expect(result).toMatchObject({ ok: true, values: { a: '' } });
  });

  it.each([
    ['number', '42', 'must be a number (got string)'],
    ['number', NaN, 'must be a number (got NaN)'],
    ['number', Infinity, 'must be a number (got Infinity)'],
    ['string', 1, 'must be a string (got number)'],
    ['string', null, 'must be a string (got null)'],
    ['boolean', 'true', 'must be a boolean (got string)'],
    ['boolean', 0, 'must be a boolean (got number)'],
    ['json', () => 1, 'must be a JSON value (got function)'],
    ['json', { when: new Date(0) }, 'must be a JSON value (got object)'],
  ] as const)('rejects a %s variable given %o', (type, value, message) => {
    expect(checkVariableValues([v('x', type)], { x: value })).toEqual({
      ok: false,
      errors: [{ variable: 'x', message: `Variable "x" ${message}` }],
    });
  });

  it('accepts null and strings for json variables', () => {
    expect(checkVariableValues([v('a', 'json'), v('b', 'json')], { a: null, b: 'text' })).toMatchObject({ ok: true });
  });

  it('lists unknown variables as ignored', () => {
    const result = checkVariableValues([v('a', 'string')], { z: 1, a: 'x', y: 2 });
    expect(result).toEqual({ ok: true, values: { a: 'x' }, ignored: ['z', 'y'] });
  });

  it('does not mistake inherited properties for given values', () => {
    const result = checkVariableValues([v('constructor', 'string'), v('toString', 'string', { required: false })], {});
    expect(result).toEqual({
      ok: false,
      errors: [{ variable: 'constructor', message: 'Missing required variable "constructor"' }],
    });
  });

  it('keeps a variable named __proto__ as data', () => {
    const values = JSON.parse('{"__proto__": "p"}') as Record<string, unknown>;
    const result = checkVariableValues([v('__proto__', 'string')], values);
    expect(result.ok && Object.keys(result.values)).toEqual(['__proto__']);
  });
});

describe('coerceSampleValue', () => {
  it.each([
    ['string', ' as typed ', ' as typed '],
    ['number', '42', 42],
    ['number', ' -1.5e2 ', -150],
    ['number', '.5', 0.5],
    ['boolean', 'true', true],
    ['boolean', ' False ', false],
    ['json', '{"a":[1,null]}', { a: [1, null] }],
    ['json', '"s"', 's'],
  ] as const)('%s %j → %j', (type, raw, value) => {
    expect(coerceSampleValue(type, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['number', ''],
    ['number', 'abc'],
    ['number', '0x10'],
    ['number', 'Infinity'],
    ['number', '1e999'],
    ['number', '1 2'],
    ['boolean', 'yes'],
    ['boolean', ''],
    ['json', '{a:1}'],
    ['json', ''],
  ] as const)('%s %j fails with a message', (type, raw) => {
    const result = coerceSampleValue(type, raw);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeGreaterThan(0);
  });

  it('explains JSON errors', () => {
    expect(coerceSampleValue('json', '[1,')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Invalid JSON: /),
    });
  });
});

describe('renderTemplate', () => {
  it('substitutes tokens with optional inner whitespace', () => {
    expect(renderTemplate('Hi {{name}}, {{ name }} and {{\tname  }}!', { name: 'Ada' })).toBe('Hi Ada, Ada and Ada!');
  });

  it('formats by runtime type', () => {
    const text = '{{s}}|{{n}}|{{b}}|{{o}}|{{a}}|{{z}}';
    const values = { s: 'x', n: 1.5, b: false, o: { k: 'v' }, a: [1, 2], z: null };
    expect(renderTemplate(text, values)).toBe('x|1.5|false|{"k":"v"}|[1,2]|null');
  });

  it('leaves tokens for names without a value untouched', () => {
    expect(renderTemplate('{{ known }} {{ unknown }}', { known: 'k' })).toBe('k {{ unknown }}');
  });

  it('leaves invalid tokens untouched', () => {
    expect(renderTemplate('{{ two words }}', { 'two words': 'x' })).toBe('{{ two words }}');
  });

  it('turns escaped tokens into literal braces without substituting', () => {
    expect(renderTemplate('\\{{ name }} is {{name}}', { name: 'Ada' })).toBe('{{ name }} is Ada');
  });

  it('unescapes a lone \\{{ too, and keeps other backslashes', () => {
    expect(renderTemplate('a \\{{ b \\d+ \\n', {})).toBe('a {{ b \\d+ \\n');
  });

  it('does not re-scan substituted values', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}}', b: 'no' })).toBe('{{b}}');
  });

  it('does not treat $ patterns in values specially', () => {
    expect(renderTemplate('{{a}}', { a: "$& $1 $$ $'" })).toBe("$& $1 $$ $'");
  });

  it('ignores inherited properties of the values object', () => {
    expect(renderTemplate('{{toString}}', {})).toBe('{{toString}}');
  });
});

function content(blocks: [BlockKind, string, boolean?][], variables: Variable[] = []): Content {
  const list: Block[] = blocks.map(([kind, body, enabled = true], i) => {
    return { id: `b${i}`, kind, title: '', body, enabled };
  });
  return { blocks: list, variables, model: { provider: 'p', model: 'm', params: {} } };
}

describe('renderContent', () => {
  it('renders blocks into role messages and flat text', () => {
    const c = content(
      [
        ['system', 'You are {{persona}}.'],
        ['user', 'Q: {{q}}'],
        ['assistant', 'A.'],
      ],
      [v('persona', 'string'), v('q', 'string')],
    );
    expect(renderContent(c, { persona: 'terse', q: 'why?' })).toEqual({
      ok: true,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Q: why?' },
        { role: 'assistant', content: 'A.' },
      ],
      text: 'You are terse.\n\nQ: why?\n\nA.',
    });
  });

  it('merges consecutive blocks of the same role, but not across another role', () => {
    const c = content([
      ['system', 'S'],
      ['instructions', 'I'],
      ['guardrails', 'G'],
      ['user', 'U1'],
      ['user', 'U2'],
      ['custom', 'C'],
    ]);
    const result = renderContent(c, {});
    expect(result.ok && result.messages).toEqual([
      { role: 'system', content: 'S\n\nI\n\nG' },
      { role: 'user', content: 'U1\n\nU2' },
      { role: 'system', content: 'C' },
    ]);
  });

  it('skips disabled blocks and blocks that render to whitespace, then merges across the gap', () => {
    const c = content(
      [
        ['user', 'one'],
        ['system', 'off', false],
        ['system', ' {{blank}} \n'],
        ['user', 'two'],
      ],
      [v('blank', 'string', { required: false })],
    );
    expect(renderContent(c, {})).toEqual({
      ok: true,
      messages: [{ role: 'user', content: 'one\n\ntwo' }],
      text: 'one\n\ntwo',
    });
  });

  it('returns the variable errors and renders nothing when values are invalid', () => {
    const c = content([['user', '{{n}}']], [v('n', 'number')]);
    expect(renderContent(c, { n: 'five' })).toEqual({
      ok: false,
      errors: [{ variable: 'n', message: 'Variable "n" must be a number (got string)' }],
    });
    expect(renderContent(c, {})).toEqual({
      ok: false,
      errors: [{ variable: 'n', message: 'Missing required variable "n"' }],
    });
  });

  it('does not render disabled blocks, so their optional variables may be omitted', () => {
    const c = content(
      [
        ['user', 'hi'],
        ['system', '{{x}}', false],
      ],
      [v('x', 'string', { required: false })],
    );
    expect(renderContent(c, {})).toMatchObject({ ok: true, text: 'hi' });
  });

  it('renders json variables as JSON, even when the value is a string', () => {
    const c = content([['user', '{{data}} / {{label}}']], [v('data', 'json'), v('label', 'json')]);
    const result = renderContent(c, { data: { a: [1] }, label: 'hi' });
    expect(result.ok && result.text).toBe('{"a":[1]} / "hi"');
  });

  it('renders defaults by type and absent optional variables as nothing', () => {
    const c = content(
      [['user', '[{{n}}][{{j}}][{{opt}}]']],
      [v('n', 'number', { default: 2 }), v('j', 'json', { default: 'd' }), v('opt', 'json', { required: false })],
    );
    const result = renderContent(c, {});
    expect(result.ok && result.text).toBe('[2]["d"][]');
  });

  it('leaves tokens for undefined variables as written and ignores extra values', () => {
    const c = content([['user', '{{ defined }} {{ stray }}']], [v('defined', 'string')]);
    const result = renderContent(c, { defined: 'ok', stray: 'not substituted' });
    expect(result.ok && result.text).toBe('ok {{ stray }}');
  });

  it('returns no messages for content whose blocks are all empty', () => {
    expect(
      renderContent(
        content([
          ['system', ''],
          ['user', '  '],
        ]),
        {},
      ),
    ).toEqual({ ok: true, messages: [], text: '' });
  });
});

describe('compileTemplate', () => {
  it('merges and drops blocks as renderContent does, leaving variables in place', () => {
    const c = content(
      [
        ['system', 'You help {{customer}}.'],
        ['guardrails', 'Be kind.'],
        ['user', '   '],
        ['context', 'off', false],
        ['user', 'Q: {{ question }}'],
        ['assistant', 'A:'],
      ],
      [v('customer', 'string'), v('question', 'string')],
    );
    expect(compileTemplate(c)).toEqual([
      { role: 'system', content: 'You help {{customer}}.\n\nBe kind.' },
      { role: 'user', content: 'Q: {{ question }}' },
      { role: 'assistant', content: 'A:' },
    ]);
    const rendered = renderContent(c, { customer: 'Ada', question: 'why?' });
    expect(rendered.ok && rendered.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });
});
