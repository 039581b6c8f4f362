// Variable values that arrive as strings (MCP prompt arguments are a map of strings), turned
// into the typed values renderContent checks. Only the spelling is converted here; whether a
// variable is required, and its default, stay renderContent's job, so both paths agree.
import type { Variable } from './content';
import { coerceSampleValue, type VariableError } from './template';

export type StringValuesResult = { ok: true; values: Record<string, unknown> } | { ok: false; errors: VariableError[] };

const MAX_QUOTED = 40;

const quoted = (raw: string) => JSON.stringify(raw.length > MAX_QUOTED ? `${raw.slice(0, MAX_QUOTED)}…` : raw);

/**
 * Converts each string to its variable's type: a number variable takes a decimal ("42",
 * "-1.5e3"), a boolean one "true" or "false", a json one any JSON text ('{"a":1}', '"hi"');
 * a string one takes the text as it is. An empty string for a variable that is not a string
 * counts as not given (clients send "" for an argument the user left blank), so its default
 * applies. Names that no variable declares pass through; the render ignores them.
 */
export function valuesFromStrings(definitions: Variable[], given: Record<string, string>): StringValuesResult {
  // A null prototype, so an argument named "constructor" or "__proto__" is only a name.
  const values: Record<string, unknown> = Object.create(null);
  const errors: VariableError[] = [];
  const byName = new Map(definitions.map((d) => [d.name, d]));
  for (const [name, raw] of Object.entries(given)) {
    const definition = byName.get(name);
    if (!definition || definition.type === 'string') {
      values[name] = raw;
      continue;
    }
    if (raw.trim() === '') continue;
    const coerced = coerceSampleValue(definition.type, raw);
    if (coerced.ok) values[name] = coerced.value;
    else errors.push({ variable: name, message: mismatch(definition, raw) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
}

function mismatch({ name, type }: Variable, raw: string): string {
  if (type === 'number') return `Variable "${name}" must be a number, like 42 or 1.5 (got ${quoted(raw)})`;
  if (type === 'boolean') return `Variable "${name}" must be true or false (got ${quoted(raw)})`;
  return `Variable "${name}" must be JSON text, like {"a":1} or "text" (got ${quoted(raw)})`;
}

/** How a variable's type and default read in a hint for someone typing its value as text. */
export function stringValueHint({ type, default: fallback }: Variable): string {
  const spelling = { string: 'text', number: 'a number', boolean: 'true or false', json: 'JSON text' }[type];
  return fallback === undefined ? spelling : `${spelling}; default ${JSON.stringify(fallback)}`;
}
