export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * True when `value` survives a JSON round trip unchanged. Stricter than
 * JSON.stringify, which silently turns NaN into null, drops functions and
 * flattens Dates and Maps: any of those in stored content or API input is a
 * caller bug we want to surface, not paper over.
 */
export function isJsonValue(value: unknown): value is JsonValue {
  return check(value, new Set());
}

function check(value: unknown, ancestors: Set<object>): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (ancestors.has(value)) return false; // a cycle can never be serialized
  if (!Array.isArray(value) && !isPlainObject(value)) return false;
  ancestors.add(value);
  const items = Array.isArray(value) ? value : Object.values(value);
  const ok = items.every((item) => check(item, ancestors));
  ancestors.delete(value);
  return ok;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A short type name for error messages, e.g. "got array" rather than "got object". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
