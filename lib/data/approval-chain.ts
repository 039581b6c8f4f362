import 'server-only';
import { assertCan, REVIEWER_ROLES, type WorkspaceContext } from '@/lib/authz';
import type { Role } from '@/lib/authz-rules';
import { chainFor, describeApprovers, isStaged, type ChainPolicy, type ChainStep } from '@/lib/domain/approval-chain';
import type { PublishPolicy } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { parseStoredChain } from '@/lib/schemas/approval-chain';
import { recordAudit, type Tx } from './audit';
import { db } from './db';

type Client = Tx | Awaited<ReturnType<typeof db>>;

export const chainSelect = { approvalStages: true, tagRules: true } as const;

/** The workspace's stages and tag rules. Fails closed: a stored chain that does not parse blocks publishing. */
export async function loadChain(client: Client, ctx: WorkspaceContext): Promise<ChainPolicy> {
  return chainOf(await client.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: chainSelect }));
}

/** The chain of a workspace row read with chainSelect (by loadChain, or with other columns). */
export function chainOf(row: Prisma.WorkspaceGetPayload<{ select: typeof chainSelect }>): ChainPolicy {
  const chain = parseStoredChain(row.approvalStages, row.tagRules);
  if (!chain) throw new AppError('conflict', 'The approval chain of this workspace cannot be read; an admin must save it again.');
  return chain;
}

export async function getApprovalChain(ctx: WorkspaceContext): Promise<ChainPolicy> {
  return loadChain(await db(), ctx);
}

/** Roles of the workspace's members, by user id (absent: not a member). */
export async function memberRoles(client: Client, workspaceId: string, userIds: string[]): Promise<Map<string, Role>> {
  const rows = await client.membership.findMany({
    where: { workspaceId, userId: { in: [...new Set(userIds)] } },
    select: { userId: true, role: true },
  });
  return new Map(rows.map((r) => [r.userId, r.role]));
}

function memberIdsOf(chain: ChainPolicy): string[] {
  const stages = [...chain.stages, ...chain.tagRules.map((r) => r.stage)];
  return stages.flatMap((s) => (s.approvers.kind === 'members' ? s.approvers.userIds : []));
}

/** Replaces the workspace's stages and tag rules; the audit event keeps before and after. */
export async function updateApprovalChain(ctx: WorkspaceContext, chain: ChainPolicy): Promise<void> {
  assertCan(ctx, 'policy.change');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const ids = [...new Set(memberIdsOf(chain))];
    if (ids.length) {
      const found = await tx.membership.count({
        where: { workspaceId: ctx.workspaceId, userId: { in: ids }, role: { in: REVIEWER_ROLES } },
      });
      if (found !== ids.length) throw new AppError('invalid', 'Stage approvers must be members with the reviewer role or higher');
    }
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: chainSelect });
    const after = {
      approvalStages: chain.stages as unknown as Prisma.InputJsonValue,
      tagRules: chain.tagRules as unknown as Prisma.InputJsonValue,
    };
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: after });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'policy.change',
      targetType: 'workspace',
      targetId: ctx.workspaceId,
      data: { approvalChain: true, before: before as Prisma.InputJsonObject, after },
    });
  });
}

/** A step as the review page and the Publish bar show it, with who may act in words. */
export interface ChainStepView extends ChainStep {
  who: string;
}

export async function describeSteps(client: Client, steps: ChainStep[]): Promise<ChainStepView[]> {
  const ids = steps.flatMap((s) => (s.approvers.kind === 'members' ? s.approvers.userIds : []));
  const users = ids.length
    ? await client.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true } })
    : [];
  const names = new Map(users.map((u) => [u.id, u.name ?? u.email]));
  const nameOf = (id: string) => names.get(id) ?? 'a former member';
  return steps.map((s) => ({ ...s, who: describeApprovers(s.approvers, nameOf) }));
}

/** The chain this prompt must pass and why each stage applies; also the tag rules that do not apply. */
export async function getPromptChain(ctx: WorkspaceContext, promptId: string, policy: PublishPolicy) {
  const prisma = await db();
  const prompt = await prisma.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { tags: true } });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  const chain = await loadChain(prisma, ctx);
  const links = chainFor(policy, chain, prompt.tags);
  const steps = await describeSteps(
    prisma,
    links.map(({ stage, tag }) => ({
      name: stage.name,
      tag,
      required: stage.required,
      state: 'waiting',
      approvedBy: [],
      approvers: stage.approvers,
    })),
  );
  return {
    staged: isStaged(chain, links),
    stages: steps.map(({ name, tag, required, who }) => ({ name, tag, required, who })),
    otherRules: chain.tagRules.filter((r) => !prompt.tags.includes(r.tag)).map((r) => ({ tag: r.tag, name: r.stage.name })),
  };
}

export type PromptChainDTO = Awaited<ReturnType<typeof getPromptChain>>;
