// Calls the write API through the handler the custom server and the Next route use, as a
// client with a service token would, and returns the status and the parsed JSON.
import { handleApiRequest } from '@/lib/api/handler';
import type { WorkspaceContext } from '@/lib/authz';
import { createServiceToken } from '@/lib/data/service-tokens';
import type { ServiceTokenRole } from '@/lib/domain/service-token';

export interface WriteAnswer {
  status: number;
  headers: Record<string, string>;
  // The answers are JSON of many shapes; tests read them as they are documented.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function api(token: string | null, method: string, path: string, body?: unknown): Promise<WriteAnswer> {
  const res = await handleApiRequest({
    method,
    url: `/api/v1/workspace${path}`,
    headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  });
  const text = res.body?.toString('utf8') ?? '';
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** A new service token of `role` in the admin's workspace; its full secret. */
export async function tokenFor(admin: WorkspaceContext, role: ServiceTokenRole, opts: { name?: string; expiresAt?: Date | null } = {}) {
  const created = await createServiceToken(admin, { name: opts.name ?? `${role} bot`, role, expiresAt: opts.expiresAt ?? null });
  return { ...created, secret: created.token };
}
