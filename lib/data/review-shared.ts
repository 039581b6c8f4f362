import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import type { Tx } from './audit';
import type { db } from './db';

export type Client = Tx | Awaited<ReturnType<typeof db>>;

/** The prompt, loaded through the actor's workspace. */
export async function promptOf(client: Client, ctx: WorkspaceContext, promptId: string) {
  const prompt = await client.prompt.findFirst({
    where: { id: promptId, workspaceId: ctx.workspaceId },
    select: { id: true, slug: true, tags: true, headRevision: { select: { id: true, number: true, contentHash: true } } },
  });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt;
}

export async function names(client: Client, ids: string[]): Promise<Map<string, string>> {
  const users = await client.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name ?? u.email]));
}
