// Parsing API requests with the zod schemas in lib/schemas (read-api.ts, langfuse-api.ts), the
// same ones the OpenAPI document is generated from. A failure is an AppError whose message
// names the field, so a client can tell which part of its request to fix.
import type { z } from 'zod';
import { inspectInput } from '@/lib/domain/input-guard';
import { AppError, type ErrorCode } from '@/lib/errors';

type Issue = z.core.$ZodIssue;

/** "version" must be a whole number …; a schema's whole-sentence message (capitalised) is kept as it is. */
export function issueMessage(issue: Issue): string {
  const field = issue.path.map(String).join('.');
  return field && /^[a-z]/.test(issue.message) ? `"${field}" ${issue.message}` : issue.message;
}

/** The parsed value, or an AppError for the first issue (`bad_request` unless `codeOf` says otherwise). */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  codeOf: (issue: Issue) => ErrorCode = () => 'bad_request',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError(codeOf(issue), issueMessage(issue));
}

/**
 * Query parameters as an object for a schema, keeping the first value of a repeated name (as
 * URLSearchParams.get does, and as the OpenAPI document describes: one value per parameter).
 */
export function queryObject(params: URLSearchParams): Record<string, string> {
  const first = new Map<string, string>();
  for (const [name, value] of params) if (!first.has(name)) first.set(name, value);
  return Object.fromEntries(first);
}

const MAX_BODY = 256 * 1024;

/** A JSON request body (an empty one is `{}`), before its schema: 413 when too large, 400 when not JSON. */
export function jsonBody(body: Buffer | undefined): unknown {
  if (!body || body.length === 0) return {};
  if (body.length > MAX_BODY) throw new AppError('payload_too_large', `The request body is over ${MAX_BODY / 1024} KB`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('bad_request', 'The request body is not valid JSON');
  }
  // Bounded before zod's recursive checks: deep nesting is a deterministic 400, never a stack
  // overflow answered as a 503 that invites retries.
  const problem = inspectInput(value);
  if (problem?.kind === 'too_deep' || problem?.kind === 'too_many_values')
    throw new AppError('bad_request', `${problem.path === '_' ? '' : `${problem.path}: `}${problem.message}`);
  return value;
}

/** Field messages by path ("content.blocks.0.id"; "_" for the body itself), for the write API's 400s. */
export function fieldErrorsOf(issues: readonly Issue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.map(String).join('.') || '_'] ??= []).push(issue.message);
  return out;
}

/** A JSON body parsed with its schema: a 400 naming the first field, with every field's errors. */
export function parseBody<S extends z.ZodType>(schema: S, body: Buffer | undefined): z.output<S> {
  const result = schema.safeParse(jsonBody(body));
  if (result.success) return result.data;
  throw new AppError('bad_request', issueMessage(result.error.issues[0]!), { fieldErrors: fieldErrorsOf(result.error.issues) });
}
