// Calls server actions the way an attacker would: a bare POST with the action id, no page,
// no client code. Server actions are public endpoints (ARCHITECTURE.md), so the e2e authorization
// matrix talks to them directly and never trusts that the UI hides a button.
import fs from 'node:fs';
import path from 'node:path';
import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';

/** What every action returns (lib/action.ts). */
export type ActionResult<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: Record<string, unknown> }; fieldErrors?: Record<string, string[]> };

/** `filename#exportedName`, e.g. `lib/actions/auth.ts#signUp`. */
export type ActionKey = `${string}.ts#${string}`;

const MANIFEST = path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json');

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

/** Action ids of the current production build, keyed `filename#exportedName`. */
export function loadActionIds(manifestPath = MANIFEST): Map<string, string> {
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`next build\` before the e2e tests`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.filename && entry.exportedName) ids.set(`${entry.filename}#${entry.exportedName}`, id);
  }
  return ids;
}

let cachedIds: Map<string, string> | undefined;

function actionId(key: ActionKey): string {
  cachedIds ??= loadActionIds();
  const id = cachedIds.get(key);
  if (!id) throw new Error(`No server action ${key} in the build manifest (known: ${[...cachedIds.keys()].join(', ')})`);
  return id;
}

const UNDEFINED = '$undefined';

function reviveUndefined(value: unknown): unknown {
  if (value === UNDEFINED) return undefined;
  if (Array.isArray(value)) return value.map(reviveUndefined);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveUndefined(v)]));
  }
  return value;
}

/**
 * The action's return value from an RSC response. Row 0 is `{"a":"$@N",…}`: the result is
 * row N, e.g. `1:{"ok":false,"error":{…}}`. When row 0 has no reference, the row that
 * looks like an ActionResult is taken.
 */
export function parseActionResponse(body: string): ActionResult {
  const rows = new Map<string, string>();
  for (const line of body.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  const tryJson = (text: string | undefined): unknown => {
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  const head = tryJson(rows.get('0')) as { a?: unknown } | undefined;
  const ref = typeof head?.a === 'string' ? /^\$@([0-9a-f]+)$/.exec(head.a)?.[1] : undefined;
  const candidates = ref !== undefined ? [rows.get(ref)] : [...rows.values()].filter((text) => text.includes('"ok":'));
  for (const text of candidates) {
    const value = tryJson(text) as { ok?: unknown } | undefined;
    if (value && typeof value.ok === 'boolean') return reviveUndefined(value) as ActionResult;
  }
  throw new Error(`No action result in the response:\n${body.slice(0, 2000)}`);
}

/**
 * POSTs `args` to the server action `key` through `pagePath` (a page whose bundle uses the
 * action) and returns the action's result. A response that is not an action result (a
 * redirect, an error page) fails loudly, with its status and start of the body.
 */
export async function callAction<T = unknown>(
  request: APIRequestContext,
  pagePath: string,
  key: ActionKey,
  args: unknown[],
): Promise<ActionResult<T>> {
  const response = await request.post(pagePath, {
    headers: {
      'Next-Action': actionId(key),
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
    },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const body = await response.text();
  if (!(response.headers()['content-type'] ?? '').includes('text/x-component')) {
    throw new Error(
      `POST ${pagePath} (${key}) answered ${response.status()} ${response.headers()['content-type']}, not an action result:\n${body.slice(0, 500)}`,
    );
  }
  return parseActionResponse(body) as ActionResult<T>;
}

/** Signs in through next-auth's own endpoints; the session cookie stays in `request`'s jar. */
export async function signInApi(request: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await request.get('/api/auth/csrf');
  if (!csrf.ok()) throw new Error(`GET /api/auth/csrf answered ${csrf.status()}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  });
  if (callback.status() >= 400) throw new Error(`Sign-in of ${email} answered ${callback.status()}`);
  const session = (await (await request.get('/api/auth/session')).json()) as { user?: { email?: string } };
  if (session.user?.email !== email) throw new Error(`Sign-in of ${email} did not create a session (got ${JSON.stringify(session)})`);
}

/** A cookie jar of its own, so each user (and the visitor) is a separate client. */
export function newApiClient(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL });
}
