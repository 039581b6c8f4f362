import { isPlainObject } from './json';

/**
 * Serializes a JSON value deterministically so that equal content always hashes
 * equally: object keys are sorted (by UTF-16 code unit, like Array#sort), there
 * is no whitespace, and keys whose value is undefined are dropped because an
 * optional field that is absent and one that is explicitly undefined mean the
 * same thing. Anything JSON cannot represent faithfully throws instead of being
 * coerced, since a silently changed value would give a wrong hash.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, new Set(), '$');
}

function serialize(value: unknown, ancestors: Set<object>, at: string): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number at ${at}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value} at ${at}`);
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) throw new TypeError(`canonicalJson: cycle at ${at}`);
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item, i) => serialize(item, ancestors, `${at}[${i}]`)).join(',')}]`;
  } else if (isPlainObject(value)) {
    const parts: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const item = value[key];
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${serialize(item, ancestors, `${at}.${key}`)}`);
    }
    out = `{${parts.join(',')}}`;
  } else {
    throw new TypeError(`canonicalJson: unsupported object at ${at}`);
  }
  ancestors.delete(value);
  return out;
}

const encoder = new TextEncoder();

/** UTF-8 byte length, which is what storage and request limits are measured in. */
export function byteLength(str: string): number {
  return encoder.encode(str).byteLength;
}
