import 'server-only';
import { assertCan, type WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import { recordAudit } from './audit';
import { db } from './db';
import { emitInvalidation } from './invalidation';

export interface PromptDetailsInput {
  name?: string;
  description?: string;
  tags?: string[];
}

export interface PromptDetails {
  slug: string;
  name: string;
  description: string;
  tags: string[];
}

/**
 * Changes a prompt's name, description or tags (not its content, which only a saved revision
 * changes). Fields left out stay; a change equal to what is stored writes nothing.
 */
export async function updatePromptDetails(
  ctx: WorkspaceContext,
  promptId: string,
  input: PromptDetailsInput,
): Promise<PromptDetails & { changed: boolean }> {
  assertCan(ctx, 'prompt.update');
  const prisma = await db();
  const result = await prisma.$transaction(async (tx) => {
    const prompt = await tx.prompt.findFirst({
      where: { id: promptId, workspaceId: ctx.workspaceId },
      select: { id: true, slug: true, name: true, description: true, tags: true },
    });
    if (!prompt) throw new AppError('not_found', 'Prompt not found');
    const next = {
      name: input.name ?? prompt.name,
      description: input.description ?? prompt.description,
      tags: input.tags ?? prompt.tags,
    };
    const changes = Object.fromEntries(
      (['name', 'description', 'tags'] as const)
        .filter((f) => JSON.stringify(next[f]) !== JSON.stringify(prompt[f]))
        .map((f) => [f, { from: prompt[f], to: next[f] }]),
    );
    if (Object.keys(changes).length === 0) return { slug: prompt.slug, ...next, changed: false };
    await tx.prompt.update({ where: { id: prompt.id }, data: next });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'prompt.update',
      targetType: 'prompt',
      targetId: prompt.id,
      data: { slug: prompt.slug, changes },
    });
    return { slug: prompt.slug, ...next, changed: true };
  });
  // The read API's bodies carry the name.
  if (result.changed) emitInvalidation({ type: 'prompt', workspaceId: ctx.workspaceId, slug: result.slug });
  return result;
}
