// A small JSON Schema subset for `json_schema` assertions. ajv is only a transitive
// dependency here (not pinned), so we validate the keywords authors actually use and
// refuse the rest when the case is saved: a silently ignored constraint would let a test
// pass that should fail.
import { isPlainObject } from '../json';

export const JSON_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;
type JsonSchemaType = (typeof JSON_SCHEMA_TYPES)[number];

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', 'format', '$comment']);
const NON_NEGATIVE_INTS = ['minLength', 'maxLength', 'minItems', 'maxItems'] as const;
const NUMBERS = ['minimum', 'maximum'] as const;
const SUPPORTED = [
  'type',
  'properties',
  'required',
  'items',
  'enum',
  'const',
  'additionalProperties',
  'pattern',
  ...NON_NEGATIVE_INTS,
  ...NUMBERS,
];

export type SchemaProblem = { path: string; message: string };

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/** Problems that make `schema` unusable, each with the path inside the schema. Empty when usable. */
export function checkJsonSchema(schema: unknown, path = ''): SchemaProblem[] {
  if (!isPlainObject(schema)) return [{ path, message: 'A JSON Schema must be an object' }];
  const problems: SchemaProblem[] = [];
  const problem = (key: string, message: string) => problems.push({ path: at(path, key), message });
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.includes(key) && !ANNOTATIONS.has(key)) {
      problem(key, `"${key}" is not supported; use ${SUPPORTED.join(', ')}`);
    }
  }
  if ('type' in schema) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.length === 0 || !types.every((t) => (JSON_SCHEMA_TYPES as readonly unknown[]).includes(t))) {
      problem('type', `"type" must be one of ${JSON_SCHEMA_TYPES.join(', ')} (or a list of them)`);
    }
  }
  if ('properties' in schema) {
    if (!isPlainObject(schema.properties)) problem('properties', '"properties" must be an object of schemas');
    else
      for (const [name, sub] of Object.entries(schema.properties)) problems.push(...checkJsonSchema(sub, at(at(path, 'properties'), name)));
  }
  if ('required' in schema && !(Array.isArray(schema.required) && schema.required.every((r) => typeof r === 'string'))) {
    problem('required', '"required" must be a list of property names');
  }
  if ('items' in schema) problems.push(...checkJsonSchema(schema.items, at(path, 'items')));
  if ('additionalProperties' in schema && typeof schema.additionalProperties !== 'boolean') {
    problems.push(...checkJsonSchema(schema.additionalProperties, at(path, 'additionalProperties')));
  }
  if ('enum' in schema && !(Array.isArray(schema.enum) && schema.enum.length > 0)) problem('enum', '"enum" must be a non-empty list');
  for (const key of NON_NEGATIVE_INTS) {
    const value = schema[key];
    if (key in schema && !(Number.isInteger(value) && (value as number) >= 0)) problem(key, `"${key}" must be a whole number ≥ 0`);
  }
  for (const key of NUMBERS) {
    if (key in schema && !(typeof schema[key] === 'number' && Number.isFinite(schema[key]))) problem(key, `"${key}" must be a number`);
  }
  if ('pattern' in schema) {
    const message = regexError(schema.pattern, 'u');
    if (message) problem('pattern', message);
  }
  return problems;
}

export function regexError(pattern: unknown, flags = ''): string | null {
  if (typeof pattern !== 'string') return 'The pattern must be a string';
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (e) {
    return `Invalid regular expression: ${(e as Error).message}`;
  }
}

function typeOf(value: unknown): JsonSchemaType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonSchemaType;
}

function matchesType(value: unknown, type: JsonSchemaType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Errors of `value` against a schema that passed checkJsonSchema, as "$.path: message".
 * Empty when it matches.
 */
export function validateJsonSchema(schema: Record<string, unknown>, value: unknown, path = '$'): string[] {
  const errors: string[] = [];
  const fail = (message: string) => errors.push(`${path}: ${message}`);
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as JsonSchemaType[];
    if (!types.some((t) => matchesType(value, t))) {
      fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => deepEqual(e, value))) fail(`must be one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && !deepEqual(schema.const, value)) fail(`must equal ${JSON.stringify(schema.const)}`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`must be ≥ ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`must be ≤ ${schema.maximum}`);
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) fail(`must be at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) fail(`must be at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) fail(`must match /${schema.pattern}/`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
    if (isPlainObject(schema.items))
      value.forEach((item, i) => errors.push(...validateJsonSchema(schema.items as Record<string, unknown>, item, `${path}[${i}]`)));
  }
  if (isPlainObject(value)) {
    const properties = isPlainObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const name of schema.required as string[]) if (!Object.hasOwn(value, name)) fail(`missing required property "${name}"`);
    }
    for (const [name, item] of Object.entries(value)) {
      const child = `${path}.${name}`;
      if (Object.hasOwn(properties, name)) errors.push(...validateJsonSchema(properties[name] as Record<string, unknown>, item, child));
      else if (schema.additionalProperties === false) errors.push(`${child}: is not allowed`);
      else if (isPlainObject(schema.additionalProperties)) errors.push(...validateJsonSchema(schema.additionalProperties, item, child));
    }
  }
  return errors;
}
