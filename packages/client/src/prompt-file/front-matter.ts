// The YAML front matter of a prompt file, checked field by field so that every mistake is
// reported with the line it is on (counted in the whole file, not in the YAML).
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { JsonValue, Variable } from '../types.js';
import { PromptFileError } from './errors.js';
import { VARIABLE_TYPES, type ModelSettings } from './types.js';

export interface FrontMatter {
  name: string;
  description: string;
  tags: string[];
  variables: Variable[];
  model: ModelSettings;
}

type Path = (string | number)[];

export interface ReadFrontMatter {
  front: FrontMatter;
  /** The file line of the value at `path` (or of its nearest ancestor that exists). */
  lineOf: (path: Path) => number;
}

const TOP_KEYS = ['name', 'description', 'tags', 'variables', 'model'];
const VARIABLE_KEYS = ['name', 'type', 'required', 'default', 'description'];
const MODEL_KEYS = ['provider', 'model', 'temperature', 'maxTokens', 'topP', 'params'];

/** `firstLine` is the file line the YAML starts on. */
export function readFrontMatter(yaml: string, firstLine: number): ReadFrontMatter {
  const counter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => counter.linePos(offset).line + firstLine - 1;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw new PromptFileError(fileLine(problem.pos[0]), `front matter: ${firstSentence(problem.message)}`);

  const lineOf = (path: Path): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as { range?: [number, number, number] } | null;
      if (node && typeof node === 'object' && node.range) return fileLine(node.range[0]);
    }
    return firstLine;
  };
  const fail = (path: Path, message: string): never => {
    throw new PromptFileError(lineOf(path), `${label(path)} ${message}`);
  };
  const root = toJs(doc, fail);
  if (!isRecord(root)) return fail([], 'must be a YAML mapping (name:, model:, …)');
  onlyKeys(root, TOP_KEYS, [], fail);

  const name = stringAt(root, ['name'], fail);
  const description = root.description === undefined ? '' : stringAt(root, ['description'], fail);
  const tags = listAt(root.tags, ['tags'], fail).map((tag, i) => stringAt(tag, ['tags', i], fail, true));
  const variables = listAt(root.variables, ['variables'], fail).map((v, i) => readVariable(v, ['variables', i], fail));
  if (root.model === undefined) fail([], 'needs "model:" with at least provider and model');
  const model = readModel(root.model, ['model'], fail);
  return { front: { name, description, tags, variables, model }, lineOf };
}

type Fail = (path: Path, message: string) => never;

function readVariable(value: unknown, path: Path, fail: Fail): Variable {
  if (!isRecord(value)) return fail(path, 'must be a mapping with name, type and required');
  onlyKeys(value, VARIABLE_KEYS, path, fail);
  const type = stringAt(value, [...path, 'type'], fail);
  if (!(VARIABLE_TYPES as readonly string[]).includes(type)) fail([...path, 'type'], `must be one of ${VARIABLE_TYPES.join(', ')}`);
  if (typeof value.required !== 'boolean') fail([...path, 'required'], 'must be true or false');
  const variable: Variable = {
    name: stringAt(value, [...path, 'name'], fail),
    type: type as Variable['type'],
    required: value.required as boolean,
  };
  if (value.default !== undefined) variable.default = jsonAt(value.default, [...path, 'default'], fail);
  if (value.description !== undefined) variable.description = stringAt(value, [...path, 'description'], fail);
  return variable;
}

function readModel(value: unknown, path: Path, fail: Fail): ModelSettings {
  if (!isRecord(value)) return fail(path, 'must be a mapping with provider and model');
  onlyKeys(value, MODEL_KEYS, path, fail);
  const model: ModelSettings = {
    provider: stringAt(value, [...path, 'provider'], fail),
    model: stringAt(value, [...path, 'model'], fail),
    params: {},
  };
  for (const key of ['temperature', 'maxTokens', 'topP'] as const) {
    const setting = value[key];
    if (setting === undefined) continue;
    if (typeof setting !== 'number' || !Number.isFinite(setting)) fail([...path, key], 'must be a number');
    model[key] = setting as number;
  }
  if (value.params !== undefined) {
    const params = jsonAt(value.params, [...path, 'params'], fail);
    if (!isRecord(params)) fail([...path, 'params'], 'must be a mapping');
    model.params = params as Record<string, JsonValue>;
  }
  return model;
}

function toJs(doc: Document, fail: Fail): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return fail([], `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function stringAt(value: unknown, path: Path, fail: Fail, isValue = false): string {
  const item = isValue ? value : (value as Record<string, unknown>)[String(path[path.length - 1])];
  if (item === undefined) return fail(path.slice(0, -1), `needs "${String(path[path.length - 1])}"`);
  if (typeof item !== 'string') return fail(path, `must be a string (got ${describe(item)}); quote it`);
  return item;
}

function listAt(value: unknown, path: Path, fail: Fail): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return fail(path, `must be a list (got ${describe(value)})`);
  return value;
}

function jsonAt(value: unknown, path: Path, fail: Fail): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : fail(path, 'must be a finite number');
  if (Array.isArray(value)) return value.map((item, i) => jsonAt(item, [...path, i], fail));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonAt(v, [...path, k], fail)]));
  return fail(path, `must be JSON data (got ${describe(value)})`);
}

function onlyKeys(record: Record<string, unknown>, allowed: string[], path: Path, fail: Fail) {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail([...path, key], `is not a known field (expected ${allowed.join(', ')})`);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const describe = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : typeof value;

const label = (path: Path) => (path.length === 0 ? 'front matter' : `"${path.join('.')}"`);

const firstSentence = (message: string) => message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
