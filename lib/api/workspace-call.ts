// What every write-API operation receives: the request, the path's parameters, and the
// service token's WorkspaceContext, authorized for the operation's permission by the router.
import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import type { ServiceTokenIdentity } from '@/lib/data/service-tokens';
import type { ApiRequest, ApiResponse } from './http';

export interface WorkspaceCall {
  req: ApiRequest;
  query: URLSearchParams;
  /** The decoded prompt slug, before its schema (the operation parses it). */
  slug?: string;
  /** The revision number as the path carries it, before its schema. */
  number?: string;
  token: ServiceTokenIdentity;
  ctx: WorkspaceContext;
}

export type WorkspaceOperation = (call: WorkspaceCall) => Promise<ApiResponse>;

export const NO_STORE = { 'cache-control': 'no-store' };

export const iso = (d: Date) => d.toISOString();
