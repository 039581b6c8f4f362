/**
 * Characters changed between two texts, measured as the span between their common prefix
 * and common suffix. Linear time, and exact for the single contiguous edit that one
 * autosave usually holds; the history shows it as the "size of change".
 */
export function changeSize(before: string, after: string): number {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  return Math.max(before.length, after.length) - prefix - suffix;
}
