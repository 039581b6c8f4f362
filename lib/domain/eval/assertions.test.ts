import { describe, expect, it } from 'vitest';
import { approximateTokens, assertionSchema, evaluateAssertion, needsModel, type Assertion } from './assertions';
import { checkJsonSchema, validateJsonSchema } from './json-schema';

const parse = (input: unknown) => assertionSchema.safeParse(input);
const issuesOf = (input: unknown) => {
  const r = parse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const check = (a: Assertion, subject: { rendered?: string | null; output?: string | null }) =>
  evaluateAssertion(a, { rendered: subject.rendered ?? null, output: subject.output ?? null });

describe('assertionSchema', () => {
  it('accepts every kind on its targets', () => {
    const ok: unknown[] = [
      { type: 'renders', target: 'prompt' },
      { type: 'contains', target: 'prompt', value: 'x', caseSensitive: false },
      { type: 'not_contains', target: 'output', value: 'x' },
      { type: 'regex', target: 'output', pattern: '^a+$', flags: 'i' },
      { type: 'max_length', target: 'prompt', tokens: 10 },
      { type: 'equals', target: 'output', value: 'yes', trim: false },
      { type: 'valid_json', target: 'output' },
      { type: 'json_schema', target: 'output', schema: { type: 'object', required: ['ok'] } },
    ];
    for (const a of ok) expect(parse(a).success, JSON.stringify(a)).toBe(true);
  });

  it('refuses output-only kinds on the prompt and model-free kinds on the output', () => {
    expect(parse({ type: 'equals', target: 'prompt', value: 'x' }).success).toBe(false);
    expect(parse({ type: 'json_schema', target: 'prompt', schema: {} }).success).toBe(false);
    expect(parse({ type: 'renders', target: 'output' }).success).toBe(false);
  });

  it('compiles the regex and reports an invalid one on the pattern field', () => {
    expect(issuesOf({ type: 'regex', target: 'output', pattern: '(unclosed' })).toEqual([
      { path: 'pattern', message: expect.stringMatching(/^Invalid regular expression: .*/) },
    ]);
  });

  it('refuses stateful regex flags', () => {
    expect(issuesOf({ type: 'regex', target: 'output', pattern: 'a', flags: 'g' })[0]?.path).toBe('flags');
  });

  it('needs a limit for max_length', () => {
    expect(issuesOf({ type: 'max_length', target: 'output' })).toEqual([
      { path: 'chars', message: 'Set a maximum in characters or tokens' },
    ]);
  });

  it('reports an unusable JSON Schema on the schema field, with the path inside it', () => {
    expect(issuesOf({ type: 'json_schema', target: 'output', schema: { type: 'objekt' } })).toEqual([
      { path: 'schema', message: expect.stringMatching(/^type: "type" must be one of/) },
    ]);
    const nested = issuesOf({ type: 'json_schema', target: 'output', schema: { type: 'object', properties: { a: { minLength: -1 } } } });
    expect(nested[0]?.message).toMatch(/^properties\.a\.minLength: /);
    expect(issuesOf({ type: 'json_schema', target: 'output', schema: { anyOf: [] } })[0]?.message).toMatch(/"anyOf" is not supported/);
  });
});

describe('evaluateAssertion', () => {
  it('checks contains on the target it names, case-sensitively by default', () => {
    const a: Assertion = { type: 'contains', target: 'output', value: 'Paris' };
    expect(check(a, { rendered: 'Paris', output: 'paris' })).toEqual({ passed: false, message: 'The output does not contain "Paris"' });
    expect(check({ ...a, caseSensitive: false }, { output: 'in paris' }).passed).toBe(true);
    expect(check({ ...a, target: 'prompt' }, { rendered: 'Paris', output: '' }).passed).toBe(true);
  });

  it('checks not_contains', () => {
    const a: Assertion = { type: 'not_contains', target: 'output', value: 'sorry', caseSensitive: false };
    expect(check(a, { output: 'Sorry, no' })).toEqual({ passed: false, message: 'The output contains "sorry"' });
    expect(check(a, { output: 'Sure' }).passed).toBe(true);
  });

  it('checks regex with flags', () => {
    const a: Assertion = { type: 'regex', target: 'output', pattern: '^\\d{3}$' };
    expect(check(a, { output: '123' }).passed).toBe(true);
    expect(check(a, { output: '1234' })).toEqual({ passed: false, message: 'The output does not match /^\\d{3}$/' });
    expect(check({ type: 'regex', target: 'prompt', pattern: 'HELLO', flags: 'i' }, { rendered: 'hello' }).passed).toBe(true);
  });

  it('checks max_length in characters and approximate tokens', () => {
    expect(approximateTokens('abcde')).toBe(2);
    expect(check({ type: 'max_length', target: 'prompt', chars: 5 }, { rendered: 'abcde' }).passed).toBe(true);
    expect(check({ type: 'max_length', target: 'prompt', chars: 4 }, { rendered: 'abcde' })).toEqual({
      passed: false,
      message: 'The prompt is too long: 5 characters (max 4)',
    });
    expect(check({ type: 'max_length', target: 'output', tokens: 1 }, { output: 'abcde' }).message).toBe(
      'The output is too long: about 2 tokens (max 1)',
    );
  });

  it('checks equals, trimming by default', () => {
    expect(check({ type: 'equals', target: 'output', value: 'yes' }, { output: ' yes\n' }).passed).toBe(true);
    expect(check({ type: 'equals', target: 'output', value: 'yes', trim: false }, { output: 'yes\n' })).toEqual({
      passed: false,
      message: 'Expected "yes", got "yes\\n"',
    });
  });

  it('checks valid_json and json_schema', () => {
    expect(check({ type: 'valid_json', target: 'output' }, { output: ' {"a":1} ' }).passed).toBe(true);
    expect(check({ type: 'valid_json', target: 'output' }, { output: 'nope' }).message).toMatch(/^Not valid JSON: /);
    const schema = { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } }, additionalProperties: false };
    expect(check({ type: 'json_schema', target: 'output', schema }, { output: '{"ok": true}' }).passed).toBe(true);
    expect(check({ type: 'json_schema', target: 'output', schema }, { output: '{"ok": 1, "x": 2}' })).toEqual({
      passed: false,
      message: 'The output does not match the JSON Schema: $.ok: expected boolean, got integer; $.x: is not allowed',
    });
  });

  it('fails when its subject is missing instead of passing vacuously', () => {
    expect(check({ type: 'not_contains', target: 'output', value: 'x' }, { rendered: 'y', output: null })).toEqual({
      passed: false,
      message: 'There is no model output',
    });
    expect(check({ type: 'not_contains', target: 'prompt', value: 'x' }, { rendered: null }).passed).toBe(false);
  });

  it('knows which assertions need a model', () => {
    expect(needsModel([{ type: 'renders', target: 'prompt' }])).toBe(false);
    expect(
      needsModel([
        { type: 'renders', target: 'prompt' },
        { type: 'valid_json', target: 'output' },
      ]),
    ).toBe(true);
  });
});

describe('JSON Schema subset', () => {
  const v = (schema: Record<string, unknown>, value: unknown) => {
    expect(checkJsonSchema(schema)).toEqual([]);
    return validateJsonSchema(schema, value);
  };

  it('accepts the supported keywords and annotations', () => {
    expect(checkJsonSchema({ $schema: 'x', title: 't', type: ['string', 'null'], minLength: 1, maxLength: 3, pattern: '^a' })).toEqual([]);
    expect(checkJsonSchema('object')).toEqual([{ path: '', message: 'A JSON Schema must be an object' }]);
    expect(checkJsonSchema({ pattern: '(' })[0]?.path).toBe('pattern');
    expect(checkJsonSchema({ required: 'a' })[0]?.path).toBe('required');
    expect(checkJsonSchema({ items: { type: 1 } })[0]?.path).toBe('items.type');
  });

  it('validates types, integer as number, and null', () => {
    expect(v({ type: 'number' }, 3)).toEqual([]);
    expect(v({ type: 'integer' }, 3.5)).toEqual(['$: expected integer, got number']);
    expect(v({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(v({ type: 'array' }, {})).toEqual(['$: expected array, got object']);
  });

  it('validates enum, const, bounds, lengths and patterns', () => {
    expect(v({ enum: ['a', 'b'] }, 'c')).toEqual(['$: must be one of ["a","b"]']);
    expect(v({ const: { a: [1] } }, { a: [1] })).toEqual([]);
    expect(v({ minimum: 1, maximum: 2 }, 3)).toEqual(['$: must be ≤ 2']);
    expect(v({ minimum: 1 }, 0)).toEqual(['$: must be ≥ 1']);
    expect(v({ minLength: 2, maxLength: 3 }, 'a')).toEqual(['$: must be at least 2 characters']);
    expect(v({ maxLength: 3 }, 'abcd')).toEqual(['$: must be at most 3 characters']);
    expect(v({ pattern: '^x' }, 'yx')).toEqual(['$: must match /^x/']);
  });

  it('validates nested objects and arrays with paths', () => {
    const schema = {
      type: 'object',
      required: ['items', 'id'],
      properties: { items: { type: 'array', minItems: 1, items: { type: 'object', properties: { n: { type: 'integer' } } } } },
      additionalProperties: { type: 'string' },
    };
    expect(v(schema, { items: [{ n: 1 }, { n: 'x' }], extra: 2 })).toEqual([
      '$: missing required property "id"',
      '$.items[1].n: expected integer, got string',
      '$.extra: expected string, got integer',
    ]);
    expect(v(schema, { items: [], id: 'a' })).toEqual(['$.items: must have at least 1 items']);
  });
});
