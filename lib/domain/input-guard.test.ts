// Regression: a NUL character in a block body, prompt name, test-case name or sign-up name
// made every save fail with {code:"internal"} (PostgreSQL refuses U+0000), and input nested
// ~2,000 levels deep overflowed the stack in recursive validation before authentication.
import { describe, expect, it } from 'vitest';
import { inspectInput, MAX_INPUT_DEPTH, NUL_MESSAGE } from './input-guard';

function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('inspectInput', () => {
  it('accepts ordinary input, including empty containers and long strings', () => {
    expect(inspectInput([{ workspace: 'w', content: { blocks: [{ body: 'x'.repeat(300_000) }], params: {} } }])).toBeNull();
    expect(inspectInput(nested(MAX_INPUT_DEPTH))).toBeNull();
  });

  it('refuses nesting deeper than the bound without overflowing the stack', () => {
    expect(inspectInput(nested(MAX_INPUT_DEPTH + 1))).toMatchObject({ kind: 'too_deep' });
    const problem = inspectInput(nested(100_000));
    expect(problem).toMatchObject({ kind: 'too_deep', message: `The input nests deeper than ${MAX_INPUT_DEPTH} levels` });
  });

  it('names the field that holds a NUL character, in values and in keys', () => {
    expect(inspectInput([{ name: 'ok', content: { blocks: [{ body: 'a\u0000b' }] } }], MAX_INPUT_DEPTH, 1)).toEqual({
      kind: 'nul_character',
      path: 'content.blocks.0.body',
      message: NUL_MESSAGE,
    });
    expect(inspectInput({ variables: { 'x\u0000': 1 } })).toMatchObject({ kind: 'nul_character', path: 'variables.x\u0000' });
  });

  it('refuses more values than the bound', () => {
    expect(inspectInput(new Array(250_000).fill(0))).toMatchObject({ kind: 'too_many_values' });
  });

  it('counts depth from the skipped prefix', () => {
    expect(inspectInput([nested(MAX_INPUT_DEPTH)], MAX_INPUT_DEPTH, 1)).toBeNull();
    expect(inspectInput([nested(MAX_INPUT_DEPTH + 1)], MAX_INPUT_DEPTH, 1)).toMatchObject({ kind: 'too_deep' });
  });
});
