import { describe, expect, it } from 'vitest';
import { changeSize } from './change-size';

describe('changeSize', () => {
  it('is zero for identical texts', () => expect(changeSize('abc', 'abc')).toBe(0));
  it('counts an insertion', () => expect(changeSize('hello world', 'hello big world')).toBe(4));
  it('counts a deletion', () => expect(changeSize('hello big world', 'hello world')).toBe(4));
  it('counts a replacement by its longer side', () => expect(changeSize('cat', 'dog')).toBe(3));
  it('handles empty texts', () => {
    expect(changeSize('', 'abcd')).toBe(4);
    expect(changeSize('abcd', '')).toBe(4);
  });
  it('does not double count repeated characters', () => expect(changeSize('aaaa', 'aaaaa')).toBe(1));
});
