import { describe, expect, it } from 'vitest';
import type { Variable } from './content';
import { stringValueHint, valuesFromStrings } from './string-values';

const defs: Variable[] = [
  { name: 'name', type: 'string', required: true },
  { name: 'count', type: 'number', required: false, default: 3 },
  { name: 'loud', type: 'boolean', required: false },
  { name: 'data', type: 'json', required: false },
];

describe('valuesFromStrings', () => {
  it('converts each string to its variable type', () => {
    const result = valuesFromStrings(defs, { name: '42', count: '-1.5e2', loud: 'TRUE', data: '{"a":[1,"x"]}' });
    expect(result).toEqual({ ok: true, values: { name: '42', count: -150, loud: true, data: { a: [1, 'x'] } } });
  });

  it('keeps a string as given, blank included; a blank non-string counts as not given', () => {
    const result = valuesFromStrings(defs, { name: '', count: ' ', loud: '', data: '' });
    expect(result.ok && { ...result.values }).toEqual({ name: '' });
  });

  it('passes names no variable declares through, without touching the prototype', () => {
    const result = valuesFromStrings(defs, JSON.parse('{"other":"x","__proto__":"y","constructor":"z"}'));
    expect(result.ok && Object.entries(result.values)).toEqual([
      ['other', 'x'],
      ['__proto__', 'y'],
      ['constructor', 'z'],
    ]);
  });

  it('names every variable whose text does not fit its type', () => {
    const result = valuesFromStrings(defs, { count: '0x1f', loud: 'yes', data: '{nope' });
    expect(result).toEqual({
      ok: false,
      errors: [
        { variable: 'count', message: 'Variable "count" must be a number, like 42 or 1.5 (got "0x1f")' },
        { variable: 'loud', message: 'Variable "loud" must be true or false (got "yes")' },
        { variable: 'data', message: 'Variable "data" must be JSON text, like {"a":1} or "text" (got "{nope")' },
      ],
    });
  });

  it('shortens a long value in the message', () => {
    const result = valuesFromStrings(defs, { count: 'x'.repeat(500) });
    expect(!result.ok && result.errors[0]!.message).toBe(`Variable "count" must be a number, like 42 or 1.5 (got "${'x'.repeat(40)}…")`);
  });
});

describe('stringValueHint', () => {
  it('names the spelling and the default', () => {
    expect(defs.map(stringValueHint)).toEqual(['text', 'a number; default 3', 'true or false', 'JSON text']);
  });
});
