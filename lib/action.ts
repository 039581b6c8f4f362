// The one action wrapper. Every server action: parse the input with zod → requireUser()
// → handler (which authorizes against the parent resource through lib/authz and calls
// lib/data) → a plain result the client can render. Expected failures are AppErrors;
// anything else is logged and the client gets a generic message.
import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth';
import { AppError, type ErrorCode, type FieldErrors } from '@/lib/errors';

export type ActionError = { code: ErrorCode | 'internal'; message: string; details?: Record<string, unknown> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError; fieldErrors?: FieldErrors };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function toActionError<T>(e: unknown): ActionResult<T> {
  if (e instanceof AppError) return { ok: false, error: { code: e.code, message: e.message, details: e.details }, fieldErrors: e.fieldErrors };
  console.error('[galley] unexpected action error', e);
  return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side. Your input was not lost; try again.' } };
}

function parse<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return {
    ok: false,
    result: { ok: false, error: { code: 'invalid', message: `${where}${first?.message ?? 'Invalid input'}` }, fieldErrors: fieldErrorsOf(parsed.error) },
  };
}

export function action<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>, user: SessionUser) => Promise<R>) {
  return async (input: z.input<S>): Promise<ActionResult<R>> => {
    const parsed = parse(schema, input);
    if (!parsed.ok) return parsed.result;
    try {
      const user = await requireUser();
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (e) {
      unstable_rethrow(e);
      return toActionError<R>(e);
    }
  };
}

/** For the few actions a visitor may call (creating an account): same parsing and errors, no session. */
export function publicAction<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => Promise<R>) {
  return async (input: z.input<S>): Promise<ActionResult<R>> => {
    const parsed = parse(schema, input);
    if (!parsed.ok) return parsed.result;
    try {
      return { ok: true, data: await handler(parsed.data) };
    } catch (e) {
      unstable_rethrow(e);
      return toActionError<R>(e);
    }
  };
}
