import { describe, expect, it } from 'vitest';
import { byteLength, canonicalJson } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys so that insertion order does not matter', () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('sorts keys recursively, including objects inside arrays', () => {
    const value = { z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null };
    expect(canonicalJson(value)).toBe('{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('is independent of the whitespace of the JSON it came from', () => {
    const pretty = JSON.parse('{\n  "b" : [ 1 , 2 ],\n  "a" : { "c" : true }\n}');
    const compact = JSON.parse('{"a":{"c":true},"b":[1,2]}');
    expect(canonicalJson(pretty)).toBe(canonicalJson(compact));
    expect(canonicalJson(pretty)).toBe('{"a":{"c":true},"b":[1,2]}');
  });

  it('preserves whitespace inside strings', () => {
    expect(canonicalJson({ a: ' x \n' })).toBe('{"a":" x \\n"}');
  });

  it('drops keys whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('keeps unicode as characters and escapes control characters', () => {
    expect(canonicalJson({ é: 'naïve 🚀', q: '"\u0001' })).toBe('{"q":"\\"\\u0001","é":"naïve 🚀"}');
  });

  it('orders keys by code unit, so uppercase sorts before lowercase', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, _: 4 })).toBe('{"B":2,"_":4,"a":3,"b":1}');
  });

  it('rejects non-finite numbers, wherever they are', () => {
    expect(() => canonicalJson(NaN)).toThrow(/non-finite/);
    expect(() => canonicalJson({ a: [1, Infinity] })).toThrow(/non-finite number at \$\.a\[1\]/);
  });

  it('rejects values JSON cannot represent instead of coercing them', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
  });

  it('rejects cycles', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(() => canonicalJson(a)).toThrow(/cycle/);
  });

  it('round-trips through JSON.parse', () => {
    const value = { n: -0.5, s: 'x', arr: [true, false, null], o: {} };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    expect(byteLength('')).toBe(0);
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('€')).toBe(3);
    expect(byteLength('🚀')).toBe(4);
  });
});
