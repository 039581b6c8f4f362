import { describe, expect, it } from 'vitest';
import { isValidSlug, SLUG_RE, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Support Triage', 'support-triage'],
    ['  Crème Brûlée FAQ! ', 'creme-brulee-faq'],
    ['already-a-slug', 'already-a-slug'],
    ['a -- b __ c', 'a-b-c'],
    ['---edge---', 'edge'],
    ['Ｆｕｌｌｗｉｄｔｈ １２', 'fullwidth-12'],
    ['Ångström', 'angstrom'],
    ['日本語', ''],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('caps length at 64 without leaving a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(63)} b`);
    expect(slug).toBe('a'.repeat(63));
    expect(slugify('x'.repeat(100))).toHaveLength(64);
  });

  it('produces valid slugs for ordinary names', () => {
    for (const name of ['Hello', 'Q3 Report (draft)', 'émoji 🚀 prompt', 'x'.repeat(70)]) {
      expect(isValidSlug(slugify(name)), name).toBe(true);
    }
  });
});

describe('isValidSlug', () => {
  it('accepts lowercase alphanumerics with inner dashes, 1 to 64 characters', () => {
    for (const slug of ['a', '9', 'a-b', 'a--b', 'x'.repeat(64)]) expect(isValidSlug(slug), slug).toBe(true);
  });

  it('rejects empty, too long, uppercase, edge dashes and other characters', () => {
    for (const slug of ['', 'x'.repeat(65), 'Abc', '-a', 'a-', 'a_b', 'a b', 'é']) {
      expect(isValidSlug(slug), slug).toBe(false);
      expect(SLUG_RE.test(slug)).toBe(false);
    }
  });
});
