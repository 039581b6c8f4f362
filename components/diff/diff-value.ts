/** A setting's value as a diff table cell shows it: absent is "—", strings bare, others JSON. */
export function formatDiffValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}
