export const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const MAX_SLUG_LENGTH = 64;

/**
 * Derives a URL slug from a prompt name: "Crème Brûlée FAQ!" → "creme-brulee-faq".
 * Returns "" when nothing usable is left (e.g. a name in a non-Latin script),
 * so callers must check isValidSlug and ask the author for one.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents split off by NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

export function isValidSlug(value: string): boolean {
  return SLUG_RE.test(value);
}
