import {
  BLOCK_ROLES,
  matchesVariableType,
  VARIABLE_NAME_RE,
  type ChatRole,
  type Content,
  type Variable,
  type VariableType,
} from './content';
import { expandContent } from './includes';
import { describeType, type JsonValue } from './json';
import { checkPlaceholders } from './placeholders';

export type VariableValue = string | number | boolean | JsonValue;
export type VariableError = { variable: string; message: string };
export type CheckVariableValuesResult =
  { ok: true; values: Record<string, VariableValue>; ignored: string[] } | { ok: false; errors: VariableError[] };

const EXPECTED: Record<VariableType, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  json: 'a JSON value',
};

/**
 * Checks caller-supplied values against the definitions and fills in defaults.
 * Strict on purpose: this guards the render API, where "42" for a number is a
 * client bug that should fail loudly rather than be coerced.
 */
export function checkVariableValues(definitions: Variable[], values: Record<string, unknown>): CheckVariableValuesResult {
  const errors: VariableError[] = [];
  // A null prototype, so a variable named "constructor" cannot collide with Object's.
  const checked: Record<string, VariableValue> = Object.create(null);
  for (const definition of definitions) {
    const { name, type } = definition;
    const given = Object.hasOwn(values, name) ? values[name] : undefined;
    if (given === undefined) {
      if (definition.default !== undefined) checked[name] = definition.default;
      else if (definition.required) errors.push({ variable: name, message: `Missing required variable "${name}"` });
      else checked[name] = '';
      continue;
    }
    if (!matchesVariableType(type, given)) {
      errors.push({
        variable: name,
        message: `Variable "${name}" must be ${EXPECTED[type]} (got ${describeType(given)})`,
      });
      continue;
    }
    checked[name] = given as VariableValue;
  }
  if (errors.length > 0) return { ok: false, errors };
  const defined = new Set(definitions.map((definition) => definition.name));
  const ignored = Object.keys(values).filter((name) => !defined.has(name));
  return { ok: true, values: checked, ignored };
}

export type CoerceResult = { ok: true; value: VariableValue } | { ok: false; message: string };

// Number() alone would accept "", "0x1f" and "Infinity"; authors mean decimals.
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Turns what an author typed into a sample value for the editor's live preview. */
export function coerceSampleValue(type: VariableType, raw: string): CoerceResult {
  switch (type) {
    case 'string':
      return { ok: true, value: raw };
    case 'number': {
      const text = raw.trim();
      const value = Number(text);
      if (!DECIMAL_RE.test(text) || !Number.isFinite(value)) {
        return { ok: false, message: `"${raw}" is not a number` };
      }
      return { ok: true, value };
    }
    case 'boolean': {
      const text = raw.trim().toLowerCase();
      if (text === 'true' || text === 'false') return { ok: true, value: text === 'true' };
      return { ok: false, message: 'Enter true or false' };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(raw) as JsonValue };
      } catch (error) {
        return { ok: false, message: `Invalid JSON: ${(error as Error).message}` };
      }
  }
}

// Same token grammar as variables.ts, plus a bare "\{{" so that the escape works
// even where no complete token follows it.
const RENDER_RE = /(\\)?\{\{([^{}\r\n]*)\}\}|\\\{\{/g;

/**
 * Substitutes unescaped `{{ name }}` tokens whose valid name is a key of `values`
 * and unescapes `\{{`. Other tokens are left as written, so a typo stays visible
 * in the output instead of vanishing.
 */
export function renderTemplate(text: string, values: Record<string, unknown>): string {
  return text.replace(RENDER_RE, (match, escape: string | undefined, inner: string | undefined) => {
    if (inner === undefined) return '{{';
    if (escape !== undefined) return match.slice(1);
    const name = inner.trim();
    return VARIABLE_NAME_RE.test(name) && Object.hasOwn(values, name) ? formatValue(values[name]) : match;
  });
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

export type ChatMessage = { role: ChatRole | 'tool'; content: string };
export type RenderError = VariableError | { placeholder: string; message: string };
export type RenderContentResult = { ok: true; messages: ChatMessage[]; text: string } | { ok: false; errors: RenderError[] };

/**
 * Compiles content into chat messages and flat text, as the render API returns them. Includes
 * are expanded first; each placeholder is replaced by the messages supplied for it, which are
 * kept as separate turns (history is never merged into a neighbouring block).
 */
export function renderContent(
  source: Content,
  values: Record<string, unknown>,
  placeholders: Record<string, unknown> = {},
): RenderContentResult {
  const expanded = expandContent(source);
  if (!expanded.ok) return { ok: false, errors: [{ variable: expanded.variable, message: expanded.message }] };
  const content = expanded.content;
  const checked = checkVariableValues(content.variables, values);
  const history = checkPlaceholders(content, placeholders);
  if (!checked.ok || !history.ok) {
    return { ok: false, errors: [...(checked.ok ? [] : checked.errors), ...(history.ok ? [] : history.errors)] };
  }

  // Format by declared type: a json variable holding "hi" renders as "\"hi\"",
  // so the model sees the same JSON the caller sent. An optional variable with
  // neither a value nor a default renders as nothing, whatever its type.
  const formatted: Record<string, string> = Object.create(null);
  for (const definition of content.variables) {
    const { name, type } = definition;
    const given = Object.hasOwn(values, name) && values[name] !== undefined;
    const value = checked.values[name];
    if (!given && definition.default === undefined) formatted[name] = '';
    else formatted[name] = type === 'json' ? JSON.stringify(value) : formatValue(value);
  }

  const messages: ChatMessage[] = [];
  const bodies: string[] = [];
  let sealed = false; // the last message came from a placeholder, so nothing merges into it
  for (const block of content.blocks) {
    if (!block.enabled) continue;
    if (block.kind === 'placeholder' && block.placeholder) {
      for (const message of history.values[block.placeholder.name] ?? []) {
        messages.push({ ...message });
        bodies.push(message.content);
      }
      sealed = true;
      continue;
    }
    const body = renderTemplate(block.body, formatted);
    if (body.trim() === '') continue;
    bodies.push(body);
    const role = BLOCK_ROLES[block.kind];
    const last = messages.at(-1);
    // Chat APIs expect turns to alternate, so neighbouring blocks of one role become one message.
    if (last?.role === role && !sealed) last.content += `\n\n${body}`;
    else messages.push({ role, content: body });
    sealed = false;
  }
  return { ok: true, messages, text: bodies.join('\n\n') };
}

/**
 * Compiles content into chat messages with every `{{variable}}` left in place, for clients
 * that substitute variables themselves (the Langfuse endpoint: the SDK's compile() fills them
 * with Mustache). Blocks are kept, skipped and merged exactly as renderContent does, except
 * that a block is only dropped when its template, not its rendered text, is blank.
 */
export function compileTemplate(source: Content): { role: ChatRole; content: string }[] {
  const expanded = expandContent(source);
  const content = expanded.ok ? expanded.content : source;
  const messages: { role: ChatRole; content: string }[] = [];
  for (const block of content.blocks) {
    if (!block.enabled || block.kind === 'placeholder' || block.body.trim() === '') continue;
    const role = BLOCK_ROLES[block.kind];
    const last = messages.at(-1);
    if (last?.role === role) last.content += `\n\n${block.body}`;
    else messages.push({ role, content: block.body });
  }
  return messages;
}
