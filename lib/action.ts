// The action wrappers: the one way a server action is written. Each one parses the input
// with zod → requireUser() → authorizes the declared permission against `input.workspace`
// → runs the handler with the WorkspaceContext (which loads children through their parent
// and calls lib/data) → returns a plain result the client can render. Expected failures
// are AppErrors; anything else is logged with a short id and the client sees only the id.
import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth';
import { authorize, type Action, type WorkspaceContext } from '@/lib/authz';
import { inspectInput } from '@/lib/domain/input-guard';
import { AppError, logUnexpected, unexpectedMessage, type ErrorCode, type FieldErrors } from '@/lib/errors';

export type ActionError = { code: ErrorCode | 'internal'; message: string; details?: Record<string, unknown>; errorId?: string };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError; fieldErrors?: FieldErrors };

/** What a wrapped action declares, for the authorization matrix and its completeness check. */
export interface ActionInfo {
  kind: 'workspace' | 'user' | 'public';
  /** The permission a workspace action authorizes before its handler runs. */
  permission?: Action;
}

const registry = new WeakMap<object, ActionInfo>();

/** The declaration of a wrapped action, or undefined for a function built without a wrapper. */
export function actionInfo(fn: unknown): ActionInfo | undefined {
  return typeof fn === 'function' ? registry.get(fn) : undefined;
}

function register<F extends object>(fn: F, info: ActionInfo): F {
  registry.set(fn, info);
  return fn;
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function toActionError<T>(e: unknown): ActionResult<T> {
  if (e instanceof AppError)
    return { ok: false, error: { code: e.code, message: e.message, details: e.details }, fieldErrors: e.fieldErrors };
  const errorId = logUnexpected('server action', e);
  return { ok: false, error: { code: 'internal', message: unexpectedMessage(errorId), errorId } };
}

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; result: ActionResult<never> } {
  // Bounded and iterative, before zod's recursive checks: deep nesting is a 4xx, not a
  // stack overflow, and a NUL character (which PostgreSQL refuses) is a field error.
  const problem = inspectInput(input);
  if (problem) {
    const where = problem.path === '_' ? '' : `${problem.path}: `;
    return {
      ok: false,
      result: {
        ok: false,
        error: { code: 'invalid', message: `${where}${problem.message}` },
        fieldErrors: { [problem.path]: [problem.message] },
      },
    };
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  return {
    ok: false,
    result: {
      ok: false,
      error: { code: 'invalid', message: `${where}${first?.message ?? 'Invalid input'}` },
      fieldErrors: fieldErrorsOf(parsed.error),
    },
  };
}

function run<S extends z.ZodType, R>(schema: S, body: (input: z.output<S>) => Promise<R>) {
  return async (input: z.input<S>): Promise<ActionResult<R>> => {
    try {
      const parsed = parse(schema, input);
      if (!parsed.ok) return parsed.result;
      return { ok: true, data: await body(parsed.data) };
    } catch (e) {
      unstable_rethrow(e);
      return toActionError<R>(e);
    }
  };
}

/**
 * An action on one workspace: `input.workspace` names it, and the caller must hold
 * `permission` there (non-members get not_found). The handler receives the context that
 * every lib/data function requires, so an unauthorized call has nothing to pass them; the
 * handler's input is the rest (the context names the workspace).
 */
export function workspaceAction<S extends z.ZodType<{ workspace: string }>, R>(
  schema: S,
  permission: Action,
  handler: (input: Omit<z.output<S>, 'workspace'>, ctx: WorkspaceContext) => Promise<R>,
) {
  const fn = run(schema, async ({ workspace, ...input }) => {
    const user = await requireUser();
    const ctx = await authorize(user.id, workspace, permission);
    return handler(input, ctx);
  });
  return register(fn, { kind: 'workspace', permission });
}

/** For the few actions of a signed-in user that belong to no workspace yet (creating one). */
export function action<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>, user: SessionUser) => Promise<R>) {
  const fn = run(schema, async (input) => handler(input, await requireUser()));
  return register(fn, { kind: 'user' });
}

/** For the few actions a visitor may call (creating an account): same parsing and errors, no session. */
export function publicAction<S extends z.ZodType, R>(schema: S, handler: (input: z.output<S>) => Promise<R>) {
  return register(run(schema, handler), { kind: 'public' });
}
