import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { AppError } from '@/lib/errors';
import { db } from './db';

// The write API names things as people do (a prompt by slug, r12, v3); the data functions take
// ids. These resolve one to the other, each child through its parent and the caller's workspace.

const MAX_NUMBER = 2_147_483_647;

export interface PromptRef {
  id: string;
  slug: string;
  head: { id: string; number: number; contentHash: string; createdAt: Date } | null;
}

export async function promptBySlug(ctx: WorkspaceContext, slug: string): Promise<PromptRef> {
  const prisma = await db();
  const row = await prisma.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId: ctx.workspaceId, slug } },
    select: { id: true, slug: true, headRevision: { select: { id: true, number: true, contentHash: true, createdAt: true } } },
  });
  if (!row) throw new AppError('not_found', `No prompt "${slug}" in this workspace`);
  return { id: row.id, slug: row.slug, head: row.headRevision };
}

/** The id of revision r`number` of the prompt, or null. */
export async function findRevisionId(prompt: PromptRef, number: number): Promise<string | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > MAX_NUMBER) return null;
  const prisma = await db();
  const row = await prisma.revision.findUnique({ where: { promptId_number: { promptId: prompt.id, number } }, select: { id: true } });
  return row?.id ?? null;
}

export async function revisionIdOf(prompt: PromptRef, number: number): Promise<string> {
  const id = await findRevisionId(prompt, number);
  if (!id) throw new AppError('not_found', `Prompt "${prompt.slug}" has no revision r${number}`);
  return id;
}

export async function releaseIdOf(prompt: PromptRef, version: number): Promise<string> {
  const prisma = await db();
  const row =
    Number.isSafeInteger(version) && version >= 1 && version <= MAX_NUMBER
      ? await prisma.release.findUnique({ where: { promptId_version: { promptId: prompt.id, version } }, select: { id: true } })
      : null;
  if (!row) throw new AppError('not_found', `Prompt "${prompt.slug}" has no release v${version}`);
  return row.id;
}

/** Members' user ids by email, for naming reviewers; an email that is no member's is a field error. */
export async function memberIdsByEmail(ctx: WorkspaceContext, emails: string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const prisma = await db();
  const rows = await prisma.membership.findMany({
    where: { workspaceId: ctx.workspaceId, user: { email: { in: emails }, isService: false } },
    select: { user: { select: { id: true, email: true } } },
  });
  const byEmail = new Map(rows.map((r) => [r.user.email, r.user.id]));
  const unknown = emails.filter((e) => !byEmail.has(e));
  if (unknown.length)
    throw new AppError('invalid', `Not a member of this workspace: ${unknown.join(', ')}`, {
      fieldErrors: { reviewers: unknown.map((e) => `${e} is not a member of this workspace`) },
    });
  return emails.map((e) => byEmail.get(e)!);
}
