// A Langfuse-compatible prompt endpoint, so the official `@langfuse/client` SDK reads Galley
// prompts unchanged but for its base URL and keys:
//
//   GET /api/public/v2/prompts/{name}?label=…|version=…   one prompt (the SDK's prompt.get)
//   GET /api/public/v2/prompts?page&limit&name&label&tag   a page of prompts with `meta`
//
// Auth: `Authorization: Basic base64(publicKey:secretKey)` where the secret is a Galley API
// key and the public key is any non-empty string, or `Bearer glk_…`. Every environment rule
// of /api/v1 holds: a production or staging key never receives the draft.
//
// Labels map onto Galley's environments:
//   production  what a production key is served (the live release; canary sticky per key)
//   latest      the newest release, whatever production serves
//   staging     what a staging key is served (pinned revision, else the live release);
//               not for production keys, since a pinned revision may be unreleased
//   development the draft head; development keys only
// Any other label is a 404. Writes are refused with 403: Galley publishes through review.
//
// Shape: blocks compile like Galley's render (disabled and blank blocks dropped, neighbours
// of one role merged) with `{{variables}}` left in place for the SDK's compile(). The type is
// `text` (a string) when the content compiles to exactly one system or user message, else
// `chat` (an array of { role, content }). `version` is the release version; for the draft
// head and a staged revision, which have no version, it is the revision number (and
// `galley.revision` says so).
import 'server-only';
import {
  listPromptsPage,
  loadLatestRelease,
  loadRelease,
  loadServedPrompt,
  promptExists,
  type ApiKeyContext,
  type EnvironmentName,
  type ServedSnapshot,
} from '@/lib/data/serving';
import { parseContent, type Content } from '@/lib/domain/content';
import { SLUG_RE } from '@/lib/domain/slug';
import { compileTemplate } from '@/lib/domain/template';
import { AppError, type ErrorCode } from '@/lib/errors';
import {
  LANGFUSE_LABELS,
  langfuseListQuerySchema,
  langfuseNamePathSchema,
  langfusePromptQuerySchema,
  type LangfuseLabel as Label,
  type LangfusePromptBody,
  type LangfusePromptListBody,
} from '@/lib/schemas/langfuse-api';
import { wholeNumberParam } from '@/lib/schemas/read-api';
import { authenticate, cachedKey, type AuthenticatedKey } from './auth';
import { apiCache, inCanary, loadFresh, rememberImmutable, type CachedBody, type CachedPrompt } from './cache';
import { errorResponse, jsonResponse, type ApiRequest, type ApiResponse } from './http';
import { limiter, takeToken } from './limiter';
import { noteRefusal } from './refusals';
import { cachedBody, rateLimitedResponse, sendCached } from './send';
import { parseRequest, queryObject } from './request';

const PREFIX = '/api/public';
const PROMPTS = '/api/public/v2/prompts';
const REVALIDATE = 'private, no-cache';
const IMMUTABLE = 'private, max-age=31536000, immutable';

export const isLangfusePath = (pathname: string) => pathname === PREFIX || pathname.startsWith(`${PREFIX}/`);

// Cache keys start with the workspace and end with the slug, like promptKey(), so the
// invalidation in apiCache() drops them with the /api/v1 entries; the `lf:` part keeps them
// apart from /api/v1 bodies (whose middle part is an environment name).
const labelKey = (workspaceId: string, label: Label, slug: string) => `${workspaceId}|lf:${label}|${slug}`;
const versionKey = (workspaceId: string, slug: string, version: number) => `${workspaceId}|${slug}|lf:v${version}`;

const unauthenticated = (message: string) =>
  new AppError('unauthenticated', message, { headers: { 'www-authenticate': 'Basic realm="galley"' } });

/** Basic auth becomes the Bearer header lib/api/auth understands; Bearer passes through. */
function authHeaders(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const auth = headers.authorization?.trim();
  if (!auth || !/^basic\s/i.test(auth)) return headers;
  const encoded = auth.slice(6).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw unauthenticated('Malformed Basic credentials');
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw unauthenticated('Basic credentials must be "publicKey:secretKey" with a Galley API key as the secret');
  const secret = decoded.slice(colon + 1).trim();
  if (!secret) throw unauthenticated('Basic credentials must be "publicKey:secretKey" with a Galley API key as the secret');
  // Only the credential: the secret as a Bearer key (an X-Galley-Key header is not read here).
  return { authorization: `Bearer ${secret}` };
}

const isLabel = (raw: string): raw is Label => (LANGFUSE_LABELS as readonly string[]).includes(raw);
/** An unknown label names nothing Galley has: a 404, as Langfuse answers it. */
const labelIsNotFound = (issue: { path: PropertyKey[] }): ErrorCode => (issue.path[0] === 'label' ? 'not_found' : 'bad_request');

function authorizeLabel(key: ApiKeyContext, label: Label): Label {
  if (label === 'development' && key.environment !== 'development')
    throw new AppError('forbidden', `A ${key.environment} key cannot read the draft; use a development key`);
  if (label === 'staging' && key.environment === 'production')
    throw new AppError('forbidden', 'A production key cannot read staging; use a staging or development key');
  return label;
}

function config(content: Content): Record<string, unknown> {
  const { params, ...model } = content.model;
  return { ...params, ...model };
}

/** The Langfuse prompt object for one snapshot, serialized once and cached. */
function serialize(snapshot: ServedSnapshot, labels: Label[], cacheControl: string, canary = false): CachedBody {
  const parsed = parseContent(snapshot.content);
  if (!parsed.ok) throw new AppError('conflict', 'The served content is not valid; publish a valid revision');
  const messages = compileTemplate(parsed.content);
  const only = messages.length === 1 ? messages[0]! : null;
  const text = only && only.role !== 'assistant';
  const createdAt = (snapshot.createdAt ?? new Date(0)).toISOString();
  const payload: LangfusePromptBody = {
    id: snapshot.kind === 'release' ? `${snapshot.slug}@v${snapshot.version}` : `${snapshot.slug}@r${snapshot.revision}`,
    name: snapshot.slug,
    version: snapshot.version ?? snapshot.revision,
    ...(text
      ? { type: 'text' as const, prompt: only.content }
      : { type: 'chat' as const, prompt: messages.map((m) => ({ role: m.role, content: m.content })) }),
    config: config(parsed.content),
    labels,
    tags: snapshot.tags ?? [],
    commitMessage: snapshot.note || null,
    createdAt,
    updatedAt: createdAt,
    createdBy: 'galley',
    isActive: null,
    resolutionGraph: null,
    galley: {
      title: snapshot.name,
      kind: snapshot.kind,
      version: snapshot.version,
      revision: snapshot.revision,
      contentHash: snapshot.contentHash,
      ...(canary && { canary: true as const }),
    },
  };
  const headers: Record<string, string> =
    snapshot.kind === 'release' ? { 'x-galley-version': String(snapshot.version) } : { 'x-galley-revision': String(snapshot.revision) };
  if (canary) headers['x-galley-canary'] = 'true';
  return cachedBody(payload, `"lf-${snapshot.contentHash}"`, cacheControl, headers);
}

/** What a label resolves to, loaded with the key's workspace and the label's environment. */
async function loadLabel(key: ApiKeyContext, label: Label, slug: string): Promise<CachedPrompt | null> {
  if (label === 'latest') {
    const latest = await loadLatestRelease(key, slug);
    if (!latest) return (await promptExists(key, slug)) ? { current: null, canary: null } : null;
    return { current: serialize(latest, ['latest'], REVALIDATE), canary: null };
  }
  const served = await loadServedPrompt({ ...key, environment: label as EnvironmentName }, slug);
  return (
    served && {
      current: served.current && serialize(served.current, [label], REVALIDATE),
      canary: served.canary && { body: serialize(served.canary.snapshot, [label], REVALIDATE, true), percent: served.canary.percent },
    }
  );
}

function pick(req: ApiRequest, key: AuthenticatedKey, slug: string, found: CachedPrompt): CachedBody | null {
  if (!found.current) return null;
  if (found.canary && inCanary(req.headers['x-galley-canary-key'] ?? key.hash, slug, found.canary.percent)) return found.canary.body;
  return found.current;
}

async function getPrompt(req: ApiRequest, key: AuthenticatedKey, slug: string, query: URLSearchParams): Promise<CachedBody> {
  const selector = parseRequest(langfusePromptQuerySchema, queryObject(query), labelIsNotFound);
  const { version } = selector;
  if (version !== undefined) {
    const cacheKey = versionKey(key.workspaceId, slug, version);
    const hit = apiCache().immutable.get(cacheKey);
    if (hit) return hit;
    const snapshot = await loadRelease(key, slug, version);
    if (!snapshot) throw new AppError('not_found', `Prompt "${slug}" has no release v${version}`);
    const entry = serialize(snapshot, [], IMMUTABLE);
    rememberImmutable(cacheKey, entry);
    return entry;
  }
  const label = authorizeLabel(key, selector.label ?? 'production');
  const cacheKey = labelKey(key.workspaceId, label, slug);
  const found =
    apiCache().prompts.get(cacheKey) ??
    (await loadFresh(
      () => loadLabel(key, label, slug),
      (loaded) => loaded && apiCache().prompts.set(cacheKey, loaded),
    ));
  if (!found) throw new AppError('not_found', `No prompt "${slug}" in this workspace`);
  const entry = pick(req, key, slug, found);
  if (!entry)
    throw new AppError(
      'not_found',
      label === 'development' ? `Prompt "${slug}" has no draft` : `Prompt "${slug}" has no release yet; publish it first`,
    );
  return entry;
}

async function listPrompts(key: AuthenticatedKey, query: URLSearchParams): Promise<ApiResponse> {
  const { page, limit, name, tag, label } = parseRequest(langfuseListQuerySchema, queryObject(query), labelIsNotFound);
  if (label) authorizeLabel(key, label);
  // Without a label a development key also lists unpublished prompts; with one, the label
  // decides: development lists prompts with a draft, every other label published prompts.
  const published = label === undefined ? key.environment !== 'development' : label !== 'development';
  const { totalItems, rows } = await listPromptsPage(key, { name, tag, published, page, limit });
  const data = rows.map((row): LangfusePromptListBody['data'][number] => {
    const last = row.releases.at(-1);
    const parsed = last && parseContent(last.content);
    return {
      name: row.slug,
      versions: row.releases.map((r) => r.version),
      labels: row.releases.length > 0 ? ['production', 'latest'] : key.environment === 'development' ? ['development'] : [],
      tags: row.tags,
      lastUpdatedAt: row.updatedAt.toISOString(),
      lastConfig: parsed?.ok ? config(parsed.content) : null,
    };
  });
  const body: LangfusePromptListBody = { data, meta: { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit) } };
  return jsonResponse(200, body, { 'cache-control': 'private, no-cache' });
}

function parseSlug(raw: string): string {
  let slug: string;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    throw new AppError('bad_request', 'The prompt name is not valid URL encoding');
  }
  if (!langfuseNamePathSchema.safeParse({ name: slug }).success)
    throw new AppError('not_found', `No prompt "${slug}": Galley prompt names are slugs (lowercase letters, digits, dashes)`);
  return slug;
}

/** Every /api/public request; errors are thrown as AppErrors (JSON, never HTML). */
export async function routeLangfuse(req: ApiRequest, url: URL): Promise<ApiResponse> {
  const rest = url.pathname === PROMPTS || url.pathname.startsWith(`${PROMPTS}/`) ? url.pathname.slice(PROMPTS.length) : null;
  // Every write under the prompts path is refused, Langfuse's PATCH …/{name}/versions/{version}
  // included, before its shape is checked: the answer is the same whatever the write.
  if (rest !== null && req.method !== 'GET' && req.method !== 'HEAD')
    throw new AppError('forbidden', 'Galley publishes through review; create and change prompts in Galley, not through this API', {
      headers: { allow: 'GET' },
    });
  if (rest === null || (rest !== '' && rest !== '/' && !/^\/[^/]+\/?$/.test(rest)))
    throw new AppError('not_found', `No endpoint ${url.pathname}; Galley serves ${PROMPTS} and ${PROMPTS}/{name}`);
  const key = await authenticate(authHeaders(req.headers));
  takeToken(key.keyId);
  const name = rest.replace(/^\/|\/$/g, '');
  if (!name) return listPrompts(key, url.searchParams);
  return sendCached(req, await getPrompt(req, key, parseSlug(name), url.searchParams));
}

/**
 * The warm path (no promise, no database): a GET by label or version whose key and body are
 * cached. Null whenever anything needs more work, and the full handler answers.
 */
export function handleCachedLangfuse(req: ApiRequest): ApiResponse | null {
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!path.startsWith(`${PROMPTS}/`)) return null;
  const slug = path.slice(PROMPTS.length + 1);
  if (!SLUG_RE.test(slug)) return null;
  try {
    const key = cachedKey(authHeaders(req.headers));
    if ('miss' in key) return null;
    const query = new URLSearchParams(q < 0 ? '' : req.url.slice(q + 1));
    const version = query.get('version');
    let entry: CachedBody | null | undefined;
    // Only what langfusePromptQuerySchema accepts is answered here; anything else (errors
    // included) goes down the full path, which parses with the schema.
    if (version !== null) {
      const n = query.get('label') === null ? wholeNumberParam(version) : null;
      if (!n) return null;
      entry = apiCache().immutable.get(versionKey(key.workspaceId, slug, n));
    } else {
      const raw = query.get('label') ?? 'production';
      if (!isLabel(raw)) return null;
      const label = authorizeLabel(key, raw);
      const found = apiCache().prompts.get(labelKey(key.workspaceId, label, slug));
      entry = found && pick(req, key, slug, found);
    }
    if (!entry) return null;
    const wait = limiter().take(key.keyId);
    if (wait === 0) return sendCached(req, entry);
    noteRefusal(key.keyId);
    return rateLimitedResponse(wait);
  } catch (e) {
    if (e instanceof AppError) return errorResponse(e);
    return null;
  }
}
