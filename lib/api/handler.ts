// The read API (/api/v1). Transport-neutral: the custom server calls it directly on its
// fast path, and app/api/v1/[...path]/route.ts wraps it for `next dev`. A warm GET does no
// database work: keys and serialized responses come from lib/api/cache.
import 'server-only';
import {
  listServedPrompts,
  loadRelease,
  loadRevision,
  loadServedPrompt,
  type ApiKeyContext,
  type ServedSnapshot,
} from '@/lib/data/serving';
import { parseContent, type Content } from '@/lib/domain/content';
import { SLUG_RE } from '@/lib/domain/slug';
import { renderContent } from '@/lib/domain/template';
import {
  listQuerySchema,
  promptQuerySchema,
  renderBodySchema,
  slugPathSchema,
  wholeNumberParam,
  type PromptListBody,
  type RenderResultBody,
  type ServedPromptBody,
} from '@/lib/schemas/read-api';
import { authenticate, cachedKey } from './auth';
import { apiCache, inCanary, loadFresh, promptKey, rememberImmutable, type CachedBody, type CachedPrompt } from './cache';
import { AppError, logUnexpected } from '@/lib/errors';
import { errorResponse, jsonResponse, type ApiRequest, type ApiResponse } from './http';
import { openApiJson } from './openapi';
import { limiter, takeToken } from './limiter';
import { noteRefusal } from './refusals';
import { cachedBody, rateLimitedResponse, sendCached } from './send';
import { handleCachedLangfuse, isLangfusePath, routeLangfuse } from './langfuse';
import { jsonBody, parseRequest, queryObject } from './request';
import { isWorkspacePath, routeWorkspace } from './workspace-api';

const IMMUTABLE = 'private, max-age=31536000, immutable';
const REVALIDATE = 'private, no-cache';

function serialize(snapshot: ServedSnapshot, environment: ApiKeyContext['environment'], cacheControl: string, canary = false): CachedBody {
  const payload: ServedPromptBody = {
    slug: snapshot.slug,
    name: snapshot.name,
    environment,
    kind: snapshot.kind,
    version: snapshot.version,
    ...(snapshot.kind === 'revision' && { revision: snapshot.revision }),
    ...(canary && { canary: true as const }),
    contentHash: snapshot.contentHash,
    content: snapshot.content as Content, // validated when it was saved
    ...(snapshot.includes.length > 0 && {
      resolvedIncludes: snapshot.includes.map((i) => ({
        slug: i.slug,
        pin: i.pin,
        version: i.version ?? 0,
        frozen: snapshot.kind === 'release',
      })),
    }),
  };
  const headers: Record<string, string> =
    snapshot.kind === 'release' ? { 'x-galley-version': String(snapshot.version) } : { 'x-galley-revision': String(snapshot.revision) };
  if (canary) headers['x-galley-canary'] = 'true';
  return cachedBody(payload, `"${snapshot.contentHash}"`, cacheControl, headers);
}

// The body names the reader's environment, so the environment is part of the key: a
// development key's read of v1 must not be what a production key then receives.
const immutableKey = (key: ApiKeyContext, slug: string, id: string) => `${key.workspaceId}|${key.environment}|${slug}|${id}`;

async function servedEntry(
  key: ApiKeyContext,
  slug: string,
  selector: { version?: number; revision?: number },
): Promise<CachedBody | CachedPrompt> {
  if (selector.version !== undefined || selector.revision !== undefined) {
    const id = selector.version !== undefined ? `v${selector.version}` : `r${selector.revision}`;
    const cacheKey = immutableKey(key, slug, id);
    const hit = apiCache().immutable.get(cacheKey);
    if (hit) return hit;
    const snapshot =
      selector.version !== undefined ? await loadRelease(key, slug, selector.version) : await loadRevision(key, slug, selector.revision!);
    if (!snapshot)
      throw new AppError(
        'not_found',
        selector.version !== undefined
          ? `Prompt "${slug}" has no release v${selector.version}`
          : `Prompt "${slug}" has no revision r${selector.revision}`,
      );
    const entry = serialize(snapshot, key.environment, IMMUTABLE);
    rememberImmutable(cacheKey, entry);
    return entry;
  }
  const cacheKey = promptKey(key.workspaceId, key.environment, slug);
  const hit = apiCache().prompts.get(cacheKey);
  if (hit) return hit;
  const value = await loadFresh(
    async (): Promise<CachedPrompt | null> => {
      const served = await loadServedPrompt(key, slug);
      return (
        served && {
          current: served.current && serialize(served.current, key.environment, REVALIDATE),
          canary: served.canary && {
            body: serialize(served.canary.snapshot, key.environment, REVALIDATE, true),
            percent: served.canary.percent,
          },
        }
      );
    },
    (loaded) => loaded && apiCache().prompts.set(cacheKey, loaded),
  );
  if (!value) throw new AppError('not_found', `No prompt "${slug}" in this workspace`);
  return value;
}

async function resolve(
  req: ApiRequest,
  key: ApiKeyContext & { hash: string },
  slug: string,
  selector: { version?: number; revision?: number },
): Promise<CachedBody> {
  const found = await servedEntry(key, slug, selector);
  if ('body' in found) return found;
  if (!found.current) {
    throw new AppError(
      'not_found',
      key.environment === 'development' ? `Prompt "${slug}" has no draft` : `Prompt "${slug}" has no release yet; publish it first`,
    );
  }
  if (found.canary && inCanary(req.headers['x-galley-canary-key'] ?? key.hash, slug, found.canary.percent)) return found.canary.body;
  return found.current;
}

function assertCanReadRevisions(key: ApiKeyContext): void {
  if (key.environment !== 'development')
    throw new AppError('forbidden', `A ${key.environment} key cannot read revisions; use a development key`);
}

function parseSelector(key: ApiKeyContext, query: URLSearchParams): { version?: number; revision?: number } {
  const selector = parseRequest(promptQuerySchema, queryObject(query));
  if (selector.revision !== undefined) assertCanReadRevisions(key);
  return selector;
}

/**
 * The warm path's selector: `v3` or `r7` when the query pins exactly one well-formed number
 * (the same check as promptQuerySchema, without zod); null sends the request down the full path.
 */
function pinnedId(key: ApiKeyContext, query: URLSearchParams): string | null {
  const version = query.get('version');
  const revision = query.get('revision');
  if ((version === null) === (revision === null)) return null;
  if (version !== null) return wholeNumberParam(version) ? `v${version}` : null;
  if (!wholeNumberParam(revision!)) return null;
  assertCanReadRevisions(key);
  return `r${revision}`;
}

async function render(req: ApiRequest, key: ApiKeyContext & { hash: string }, slug: string): Promise<ApiResponse> {
  const { variables = {}, version, placeholders = {} } = parseRequest(renderBodySchema, jsonBody(req.body));
  const entry = await resolve(req, key, slug, version !== undefined ? { version } : {});
  const served = JSON.parse(entry.body.toString('utf8')) as {
    version: number | null;
    revision?: number;
    contentHash: string;
    content: unknown;
  };
  const parsed = parseContent(served.content);
  if (!parsed.ok) throw new AppError('conflict', 'The served content is not valid; publish a valid revision');
  const result = renderContent(parsed.content, variables, placeholders);
  if (!result.ok) {
    throw new AppError('invalid', result.errors.map((e) => e.message).join('; '), { details: { errors: result.errors } });
  }
  const body: RenderResultBody = {
    messages: result.messages,
    text: result.text,
    version: served.version,
    ...(served.revision && { revision: served.revision }),
    contentHash: served.contentHash,
  };
  return jsonResponse(200, body, { 'cache-control': 'no-store', ...entry.headers });
}

async function route(req: ApiRequest): Promise<ApiResponse> {
  let url: URL;
  try {
    url = new URL(req.url, 'http://galley.local');
  } catch {
    throw new AppError('bad_request', 'Malformed URL');
  }
  if (isLangfusePath(url.pathname)) return routeLangfuse(req, url);
  if (isWorkspacePath(url.pathname)) return routeWorkspace(req, url);
  const parts = url.pathname
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter(Boolean);
  if (parts.length === 1 && parts[0] === 'openapi.json') {
    if (req.method !== 'GET') throw new AppError('method_not_allowed', 'Use GET', { headers: { allow: 'GET' } });
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
      body: openApiJson(),
    };
  }
  if (parts[0] !== 'prompts' || parts.length > 3 || (parts.length === 3 && parts[2] !== 'render'))
    throw new AppError('not_found', `No endpoint ${url.pathname}`);

  const key = await authenticate(req.headers);
  takeToken(key.keyId);

  if (parts.length === 1) {
    if (req.method !== 'GET') throw new AppError('method_not_allowed', 'Use GET', { headers: { allow: 'GET' } });
    const { cursor } = parseRequest(listQuerySchema, queryObject(url.searchParams));
    const page = await listServedPrompts(key, { after: cursor, limit: 100 });
    const body: PromptListBody = { environment: key.environment, ...page };
    return jsonResponse(200, body, { 'cache-control': 'private, no-cache' });
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(parts[1]!);
  } catch {
    throw new AppError('bad_request', 'The prompt slug is not valid URL encoding');
  }
  const { slug } = parseRequest(slugPathSchema, { slug: decoded });

  if (parts.length === 3) {
    if (req.method !== 'POST') throw new AppError('method_not_allowed', 'Use POST', { headers: { allow: 'POST' } });
    return render(req, key, slug);
  }
  if (req.method !== 'GET') throw new AppError('method_not_allowed', 'Use GET', { headers: { allow: 'GET' } });
  return sendCached(req, await resolve(req, key, slug, parseSelector(key, url.searchParams)));
}

/**
 * The warm path with no promise and no database: a GET of a prompt whose key and response
 * are both cached. Returns null whenever anything needs more work (the caller then uses
 * handleApiRequest, which answers every case, errors included).
 */
export function handleCachedRequest(req: ApiRequest): ApiResponse | null {
  if (req.method !== 'GET') return null;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (isLangfusePath(path)) return handleCachedLangfuse(req);
  if (!path.startsWith('/api/v1/prompts/')) return null;
  const slug = path.slice('/api/v1/prompts/'.length);
  if (!SLUG_RE.test(slug)) return null;
  try {
    const key = cachedKey(req.headers);
    if ('miss' in key) return null;
    let entry: CachedBody | undefined;
    if (q < 0) {
      const served = apiCache().prompts.get(promptKey(key.workspaceId, key.environment, slug));
      if (!served?.current) return null;
      entry =
        served.canary && inCanary(req.headers['x-galley-canary-key'] ?? key.hash, slug, served.canary.percent)
          ? served.canary.body
          : served.current;
    } else {
      const id = pinnedId(key, new URLSearchParams(req.url.slice(q + 1)));
      if (!id) return null;
      entry = apiCache().immutable.get(immutableKey(key, slug, id));
      if (!entry) return null;
    }
    const wait = limiter().take(key.keyId);
    if (wait === 0) return sendCached(req, entry);
    noteRefusal(key.keyId);
    return rateLimitedResponse(wait);
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    return null;
  }
}

export async function handleApiRequest(req: ApiRequest): Promise<ApiResponse> {
  try {
    return await route(req);
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    const errorId = logUnexpected('read API', e);
    return errorResponse(
      new AppError('unavailable', `The service is temporarily unavailable; retry shortly. Reference: ${errorId}`, {
        headers: { 'retry-after': '1' },
      }),
    );
  }
}
