// Assertions of a test case: on the rendered prompt (no model needed) or on the model's
// answer. Validation compiles regexes and checks JSON Schemas, so a broken assertion is a
// field error when the case is saved rather than a surprise during a run.
import { z } from 'zod';
import { checkJsonSchema, regexError, validateJsonSchema } from './json-schema';

const text = z.string().min(1, 'Enter a value').max(10_000, 'At most 10,000 characters');
const limit = z.int('Whole number').min(0, 'At least 0').max(10_000_000, 'At most 10,000,000');
const prompt = z.literal('prompt');
const output = z.literal('output');
const either = z.enum(['prompt', 'output']);

const containsFields = { value: text, caseSensitive: z.boolean().optional() };
const regexFields = {
  pattern: z.string().min(1, 'Enter a pattern').max(1_000, 'At most 1,000 characters'),
  flags: z
    .string()
    .regex(/^[imsu]*$/, 'Flags may be i, m, s and u')
    .optional(),
};
const maxLengthFields = { chars: limit.optional(), tokens: limit.optional() };

const variants = z.discriminatedUnion('type', [
  z.object({ type: z.literal('renders'), target: prompt }),
  z.object({ type: z.literal('contains'), target: either, ...containsFields }),
  z.object({ type: z.literal('not_contains'), target: either, ...containsFields }),
  z.object({ type: z.literal('regex'), target: either, ...regexFields }),
  z.object({ type: z.literal('max_length'), target: either, ...maxLengthFields }),
  z.object({ type: z.literal('equals'), target: output, value: z.string().max(100_000), trim: z.boolean().optional() }),
  z.object({ type: z.literal('valid_json'), target: output }),
  z.object({ type: z.literal('json_schema'), target: output, schema: z.record(z.string(), z.json()) }),
]);

export const assertionSchema = variants.superRefine((a, ctx) => {
  if (a.type === 'regex') {
    const message = regexError(a.pattern, a.flags ?? '');
    if (message) ctx.addIssue({ code: 'custom', path: ['pattern'], message });
  }
  if (a.type === 'max_length' && a.chars === undefined && a.tokens === undefined) {
    ctx.addIssue({ code: 'custom', path: ['chars'], message: 'Set a maximum in characters or tokens' });
  }
  if (a.type === 'json_schema') {
    for (const p of checkJsonSchema(a.schema))
      ctx.addIssue({ code: 'custom', path: ['schema'], message: p.path ? `${p.path}: ${p.message}` : p.message });
  }
});

export type Assertion = z.infer<typeof assertionSchema>;
export type AssertionType = Assertion['type'];
export type AssertionTarget = Assertion['target'];

export const ASSERTION_LABELS: Record<AssertionType, string> = {
  renders: 'Renders without error',
  contains: 'Contains',
  not_contains: 'Does not contain',
  regex: 'Matches regex',
  max_length: 'Max length',
  equals: 'Equals',
  valid_json: 'Is valid JSON',
  json_schema: 'Matches JSON Schema',
};

/** What an assertion is checked against; null when it is not available (render failed, no model call). */
export interface AssertionSubject {
  rendered: string | null;
  output: string | null;
}

export interface AssertionResult {
  type: AssertionType;
  target: AssertionTarget;
  passed: boolean;
  message: string;
  /** True when the assertion could not be checked (the prompt did not render, the model was not called). */
  skipped?: boolean;
}

/** The app's rough token estimate: a token is about four characters of English. */
export function approximateTokens(value: string): number {
  return Math.ceil(value.length / 4);
}

function quote(value: string, max = 60): string {
  const short = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(short);
}

function includes(haystack: string, needle: string, caseSensitive = true): boolean {
  return caseSensitive ? haystack.includes(needle) : haystack.toLowerCase().includes(needle.toLowerCase());
}

function parseJson(value: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${(e as Error).message}` };
  }
}

export function evaluateAssertion(assertion: Assertion, subject: AssertionSubject): { passed: boolean; message: string } {
  const what = assertion.target === 'prompt' ? 'prompt' : 'output';
  const value = assertion.target === 'prompt' ? subject.rendered : subject.output;
  if (value === null) {
    return { passed: false, message: what === 'prompt' ? 'The prompt did not render' : 'There is no model output' };
  }
  const verdict = (passed: boolean, yes: string, no: string) => ({ passed, message: passed ? yes : no });
  switch (assertion.type) {
    case 'renders':
      return { passed: true, message: 'The prompt renders' };
    case 'contains': {
      const found = includes(value, assertion.value, assertion.caseSensitive);
      return verdict(found, `The ${what} contains ${quote(assertion.value)}`, `The ${what} does not contain ${quote(assertion.value)}`);
    }
    case 'not_contains': {
      const found = includes(value, assertion.value, assertion.caseSensitive);
      return verdict(!found, `The ${what} does not contain ${quote(assertion.value)}`, `The ${what} contains ${quote(assertion.value)}`);
    }
    case 'regex': {
      const re = new RegExp(assertion.pattern, assertion.flags ?? '');
      const shown = `/${assertion.pattern}/${assertion.flags ?? ''}`;
      return verdict(re.test(value), `The ${what} matches ${shown}`, `The ${what} does not match ${shown}`);
    }
    case 'max_length': {
      const chars = value.length;
      const tokens = approximateTokens(value);
      const over: string[] = [];
      if (assertion.chars !== undefined && chars > assertion.chars) over.push(`${chars} characters (max ${assertion.chars})`);
      if (assertion.tokens !== undefined && tokens > assertion.tokens) over.push(`about ${tokens} tokens (max ${assertion.tokens})`);
      return verdict(
        over.length === 0,
        `The ${what} is ${chars} characters, about ${tokens} tokens`,
        `The ${what} is too long: ${over.join(', ')}`,
      );
    }
    case 'equals': {
      const trim = assertion.trim ?? true;
      const actual = trim ? value.trim() : value;
      const expected = trim ? assertion.value.trim() : assertion.value;
      return verdict(actual === expected, `The output equals ${quote(expected)}`, `Expected ${quote(expected)}, got ${quote(actual)}`);
    }
    case 'valid_json': {
      const parsed = parseJson(value.trim());
      return parsed.ok ? { passed: true, message: 'The output is valid JSON' } : { passed: false, message: parsed.message };
    }
    case 'json_schema': {
      const parsed = parseJson(value.trim());
      if (!parsed.ok) return { passed: false, message: parsed.message };
      const errors = validateJsonSchema(assertion.schema, parsed.value);
      const shown = errors.slice(0, 5).join('; ') + (errors.length > 5 ? ` (and ${errors.length - 5} more)` : '');
      return verdict(errors.length === 0, 'The output matches the JSON Schema', `The output does not match the JSON Schema: ${shown}`);
    }
  }
}

export function needsModel(assertions: Assertion[]): boolean {
  return assertions.some((a) => a.target === 'output');
}
