// Local rendering, a port of the server's lib/domain/template.ts (the render API's semantics):
// strict variable checks with defaults, `{{ name }}` substitution, `\{{` escapes, disabled and
// blank blocks skipped, neighbouring blocks of one role merged into one chat message, and
// placeholder blocks replaced by the messages supplied for them (kept as separate turns).
// Served content has its includes expanded already, so there is nothing to resolve here.
import type { ChatMessage, ChatRole, PromptContent, Variable, VariableType } from './types.js';

export type VariableError = { variable: string; message: string };
export type PlaceholderError = { placeholder: string; message: string };
export type RenderResult =
  { ok: true; messages: ChatMessage[]; text: string } | { ok: false; errors: (VariableError | PlaceholderError)[] };
export type PlaceholderMessages = Record<string, { role: string; content: string }[]>;
const MESSAGE_ROLES = ['system', 'user', 'assistant', 'tool'];

const VARIABLE_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Same token grammar as the server, plus a bare "\{{" so the escape works anywhere.
const RENDER_RE = /(\\)?\{\{([^{}\r\n]*)\}\}|\\\{\{/g;
const TURN_ROLES: Record<string, ChatRole> = { user: 'user', assistant: 'assistant' };
const EXPECTED: Record<VariableType, string> = { string: 'a string', number: 'a number', boolean: 'a boolean', json: 'a JSON value' };

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isJsonValue(value: unknown, ancestors = new Set<object>()): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (value === null) return true;
  if (ancestors.has(value) || (!Array.isArray(value) && !isPlainObject(value))) return false;
  ancestors.add(value);
  const ok = (Array.isArray(value) ? value : Object.values(value)).every((item) => isJsonValue(item, ancestors));
  ancestors.delete(value);
  return ok;
}

function matchesType(type: VariableType, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'boolean') return typeof value === 'boolean';
  return isJsonValue(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Checks the values against the definitions; returns each variable's text, or the errors. */
function formatVariables(
  definitions: Variable[],
  values: Record<string, unknown>,
): { ok: true; text: Record<string, string> } | { ok: false; errors: VariableError[] } {
  const errors: VariableError[] = [];
  const text: Record<string, string> = Object.create(null);
  for (const { name, type, required, default: fallback } of definitions) {
    const given = hasOwn(values, name) ? values[name] : undefined;
    if (given === undefined) {
      if (fallback !== undefined) text[name] = type === 'json' ? JSON.stringify(fallback) : formatValue(fallback);
      else if (required) errors.push({ variable: name, message: `Missing required variable "${name}"` });
      else text[name] = '';
    } else if (!matchesType(type, given)) {
      errors.push({ variable: name, message: `Variable "${name}" must be ${EXPECTED[type]} (got ${describeType(given)})` });
    } else {
      text[name] = type === 'json' ? JSON.stringify(given) : formatValue(given);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, text };
}

/** Substitutes `{{ name }}` tokens naming a key of `values`; other tokens stay as written. */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(RENDER_RE, (match, escape: string | undefined, inner: string | undefined) => {
    if (inner === undefined) return '{{';
    if (escape !== undefined) return match.slice(1);
    const name = inner.trim();
    return VARIABLE_NAME_RE.test(name) && hasOwn(values, name) ? values[name]! : match;
  });
}

/** The messages for each placeholder block, checked as the server checks them. */
function checkPlaceholders(
  content: PromptContent,
  given: Record<string, unknown>,
): { ok: true; values: Record<string, ChatMessage[]> } | { ok: false; errors: PlaceholderError[] } {
  const errors: PlaceholderError[] = [];
  const values: Record<string, ChatMessage[]> = Object.create(null);
  for (const block of content.blocks) {
    const spec = block.placeholder;
    if (block.kind !== 'placeholder' || !spec || !block.enabled) continue;
    const supplied = hasOwn(given, spec.name) ? given[spec.name] : undefined;
    if (supplied === undefined) {
      if (spec.required) errors.push({ placeholder: spec.name, message: `Missing required placeholder "${spec.name}"` });
      values[spec.name] = [];
      continue;
    }
    if (!Array.isArray(supplied)) {
      errors.push({ placeholder: spec.name, message: `Placeholder "${spec.name}" must be a list of messages` });
      continue;
    }
    const messages: ChatMessage[] = [];
    supplied.forEach((item: unknown, index) => {
      const m = item as { role?: unknown; content?: unknown } | null;
      const shaped = isPlainObject(m) && typeof m.role === 'string' && typeof m.content === 'string';
      if (shaped && MESSAGE_ROLES.includes(m.role as string)) messages.push({ role: m.role as ChatRole, content: m.content as string });
      else if (isPlainObject(m) && typeof m.role === 'string' && !MESSAGE_ROLES.includes(m.role)) {
        errors.push({
          placeholder: spec.name,
          message: `Placeholder "${spec.name}" message ${index + 1} has role "${m.role}"; use ${MESSAGE_ROLES.join(', ')}`,
        });
      } else {
        errors.push({
          placeholder: spec.name,
          message: `Placeholder "${spec.name}" message ${index + 1} must be { role, content } with string content`,
        });
      }
    });
    values[spec.name] = messages;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** Compiles content into chat messages and flat text, exactly as POST …/render does. */
export function renderContent(
  content: PromptContent,
  values: Record<string, unknown>,
  placeholders: Record<string, unknown> = {},
): RenderResult {
  const checked = formatVariables(content.variables, values);
  const history = checkPlaceholders(content, placeholders);
  if (!checked.ok || !history.ok)
    return { ok: false, errors: [...(checked.ok ? [] : checked.errors), ...(history.ok ? [] : history.errors)] };
  const messages: ChatMessage[] = [];
  const bodies: string[] = [];
  let sealed = false; // the last message came from a placeholder: nothing merges into it
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
    const body = renderTemplate(block.body, checked.text);
    if (body.trim() === '') continue;
    bodies.push(body);
    // Only user and assistant blocks are turns; every other kind is system guidance.
    const role = TURN_ROLES[block.kind] ?? 'system';
    const last = messages[messages.length - 1];
    if (last?.role === role && !sealed) last.content += `\n\n${body}`;
    else messages.push({ role, content: body });
    sealed = false;
  }
  return { ok: true, messages, text: bodies.join('\n\n') };
}
