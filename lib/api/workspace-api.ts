// The write API: /api/v1/workspace/…, for service tokens (and so the CLI). Each operation
// declares the permission it needs; the router authenticates the token, spends a request from
// its rate limit, and authorizes that permission for the token's service user exactly as
// workspaceAction does for a person (lib/authz.ts authorize), then hands the operation the
// WorkspaceContext every lib/data function takes. So every rule for a member of the token's
// role applies unchanged, and a read API key has nothing to pass.
import 'server-only';
import { authorize, type Action } from '@/lib/authz';
import { listAuditEvents } from '@/lib/data/audit-log';
import type { ServiceTokenRole } from '@/lib/domain/service-token';
import { AppError } from '@/lib/errors';
import { auditQuerySchema, type AuditPageBody } from '@/lib/schemas/write-api';
import { jsonResponse, type ApiRequest, type ApiResponse } from './http';
import { takeToken } from './limiter';
import { parseRequest, queryObject } from './request';
import { authenticateToken } from './token-auth';
import { iso, NO_STORE, type WorkspaceCall, type WorkspaceOperation } from './workspace-call';
import { createPromptOp, getPromptOp, listPromptsOp, updatePromptOp } from './workspace-prompts';
import { publishOp, requestReviewOp, rollbackOp, stageOp } from './workspace-releases';
import { getRevisionOp, listRevisionsOp, saveRevisionOp } from './workspace-revisions';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
type Route = Partial<Record<Method, { permission: Action; run: WorkspaceOperation }>>;

const workspaceOp: WorkspaceOperation = async ({ ctx, token }) =>
  jsonResponse(
    200,
    {
      workspace: { slug: ctx.workspaceSlug, name: ctx.workspaceName },
      token: { name: token.name, role: token.role as ServiceTokenRole, authorId: token.userId },
    },
    NO_STORE,
  );

const auditOp: WorkspaceOperation = async ({ ctx, query }) => {
  const { cursor, action } = parseRequest(auditQuerySchema, queryObject(query));
  const page = await listAuditEvents(ctx, { cursor, action });
  const body: AuditPageBody = { items: page.items.map((e) => ({ ...e, createdAt: iso(e.createdAt) })), nextCursor: page.nextCursor };
  return jsonResponse(200, body, NO_STORE);
};

/** Path shapes after /api/v1/workspace: `:slug` and `:number` are parameters. */
const ROUTES: Record<string, Route> = {
  '': { GET: { permission: 'workspace.read', run: workspaceOp } },
  prompts: {
    GET: { permission: 'prompt.read', run: listPromptsOp },
    POST: { permission: 'prompt.create', run: createPromptOp },
  },
  'prompts/:slug': {
    GET: { permission: 'prompt.read', run: getPromptOp },
    PATCH: { permission: 'prompt.update', run: updatePromptOp },
  },
  'prompts/:slug/revisions': {
    GET: { permission: 'prompt.read', run: listRevisionsOp },
    POST: { permission: 'draft.save', run: saveRevisionOp },
  },
  'prompts/:slug/revisions/:number': { GET: { permission: 'prompt.read', run: getRevisionOp } },
  'prompts/:slug/reviews': { POST: { permission: 'review.request', run: requestReviewOp } },
  'prompts/:slug/releases': { POST: { permission: 'release.publish', run: publishOp } },
  'prompts/:slug/rollback': { POST: { permission: 'release.rollback', run: rollbackOp } },
  'prompts/:slug/staging': { PUT: { permission: 'staging.pin', run: stageOp } },
  audit: { GET: { permission: 'audit.read', run: auditOp } },
};

export const WORKSPACE_ROUTES = ROUTES;

export function isWorkspacePath(pathname: string): boolean {
  return pathname === '/api/v1/workspace' || pathname.startsWith('/api/v1/workspace/');
}

function match(pathname: string): { route: Route; slug?: string; number?: string } | null {
  const parts = pathname.slice('/api/v1/workspace'.length).split('/').filter(Boolean);
  const slug = parts[0] === 'prompts' && parts.length >= 2 ? parts[1] : undefined;
  const number = parts[2] === 'revisions' && parts.length === 4 ? parts[3] : undefined;
  const shape = parts.map((p, i) => (i === 1 && slug !== undefined ? ':slug' : i === 3 && number !== undefined ? ':number' : p)).join('/');
  const route = Object.hasOwn(ROUTES, shape) ? ROUTES[shape] : undefined;
  if (!route) return null;
  let decoded: string | undefined;
  try {
    decoded = slug === undefined ? undefined : decodeURIComponent(slug);
  } catch {
    throw new AppError('bad_request', 'The prompt slug is not valid URL encoding');
  }
  return { route, slug: decoded, number };
}

export async function routeWorkspace(req: ApiRequest, url: URL): Promise<ApiResponse> {
  const found = match(url.pathname);
  if (!found) throw new AppError('not_found', `No endpoint ${url.pathname}`);
  const token = await authenticateToken(req.headers);
  takeToken(`token:${token.id}`);
  const allowed = Object.keys(found.route).join(', ');
  const op = found.route[req.method as Method];
  if (!op) throw new AppError('method_not_allowed', `Use ${allowed}`, { headers: { allow: allowed } });
  const ctx = await authorize(token.userId, token.workspaceSlug, op.permission);
  const call: WorkspaceCall = { req, query: url.searchParams, slug: found.slug, number: found.number, token, ctx };
  return op.run(call);
}
