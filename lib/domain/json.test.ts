import { describe, expect, it } from 'vitest';
import { describeType, isJsonValue, isPlainObject } from './json';

describe('isJsonValue', () => {
  it('accepts every JSON shape, nested', () => {
    for (const value of ['', 'x', 0, -1.5, true, false, null, [], {}, { a: [1, { b: null }], c: 'd' }]) {
      expect(isJsonValue(value), JSON.stringify(value)).toBe(true);
    }
  });

  it('rejects values JSON.stringify would silently change or drop', () => {
    for (const value of [undefined, NaN, Infinity, -Infinity, 1n, () => 1, Symbol('s'), new Date(0), new Map()]) {
      expect(isJsonValue(value), String(typeof value)).toBe(false);
    }
  });

  it('rejects non-JSON values hidden inside containers', () => {
    expect(isJsonValue({ a: { b: [1, NaN] } })).toBe(false);
    expect(isJsonValue([{ a: undefined }])).toBe(false);
    expect(isJsonValue({ when: new Date(0) })).toBe(false);
  });

  it('rejects cycles instead of overflowing the stack', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(isJsonValue(a)).toBe(false);
  });

  it('accepts the same object referenced twice without a cycle', () => {
    const shared = { x: 1 };
    expect(isJsonValue({ a: shared, b: [shared, shared] })).toBe(true);
  });

  it('accepts objects with a null prototype (e.g. parsed maps)', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.k = 'v';
    expect(isPlainObject(bare)).toBe(true);
    expect(isJsonValue(bare)).toBe(true);
  });
});

describe('describeType', () => {
  it('names arrays, null and non-finite numbers precisely', () => {
    expect(describeType([])).toBe('array');
    expect(describeType(null)).toBe('null');
    expect(describeType(NaN)).toBe('NaN');
    expect(describeType(-Infinity)).toBe('-Infinity');
    expect(describeType(3)).toBe('number');
    expect(describeType('3')).toBe('string');
    expect(describeType({})).toBe('object');
  });
});
