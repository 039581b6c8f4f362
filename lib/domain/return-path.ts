// Where the browser may go after signing in: only a path on this site. Prefix checks are not
// enough (`/\evil.example/`, `/%09/evil.example` and `/\/evil` all leave the site once a
// browser normalizes them), so the value is parsed as the browser would, against a
// placeholder origin, and kept only if the origin did not change.
const PLACEHOLDER = 'http://galley.invalid';

export function safeReturnPath(value: string | string[] | null | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER);
  } catch {
    return '/';
  }
  if (url.origin !== PLACEHOLDER) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
