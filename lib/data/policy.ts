import 'server-only';
import { assertCan, REVIEWER_ROLES, type WorkspaceContext } from '@/lib/authz';
import { effectivePolicy, type PolicyOverride, type PublishPolicy } from '@/lib/domain/policy';
import { AppError } from '@/lib/errors';
import { recordAudit, type Tx } from './audit';
import { db } from './db';

export const policySelect = {
  requiredApprovals: true,
  allowSelfApproval: true,
  requireResolvedConversations: true,
  requirePassingEvaluation: true,
  draftPolicy: true,
  designatedReviewerIds: true,
} as const;

type Client = Tx | Awaited<ReturnType<typeof db>>;

export async function loadPolicies(client: Client, ctx: WorkspaceContext, promptId: string) {
  const [workspace, prompt] = await Promise.all([
    client.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: policySelect }),
    client.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: policySelect }),
  ]);
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  const override: PolicyOverride = prompt;
  return { workspace: workspace as PublishPolicy, override, effective: effectivePolicy(workspace as PublishPolicy, override) };
}

export async function getWorkspacePolicy(ctx: WorkspaceContext): Promise<PublishPolicy> {
  const prisma = await db();
  return (await prisma.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: policySelect })) as PublishPolicy;
}

export async function getPromptPolicy(ctx: WorkspaceContext, promptId: string) {
  return loadPolicies(await db(), ctx, promptId);
}

async function assertReviewersAreMembers(tx: Tx, ctx: WorkspaceContext, ids: string[]) {
  if (!ids.length) return;
  const found = await tx.membership.count({ where: { workspaceId: ctx.workspaceId, userId: { in: ids }, role: { in: REVIEWER_ROLES } } });
  if (found !== new Set(ids).size) {
    throw new AppError('invalid', 'Designated reviewers must be members with the reviewer role or higher', {
      fieldErrors: { designatedReviewerIds: ['Pick members with the reviewer role or higher'] },
    });
  }
}

export async function updateWorkspacePolicy(ctx: WorkspaceContext, policy: PublishPolicy): Promise<void> {
  assertCan(ctx, 'policy.change');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    await assertReviewersAreMembers(tx, ctx, policy.designatedReviewerIds);
    const before = await tx.workspace.findUniqueOrThrow({ where: { id: ctx.workspaceId }, select: policySelect });
    await tx.workspace.update({ where: { id: ctx.workspaceId }, data: policy });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'policy.change',
      targetType: 'workspace',
      targetId: ctx.workspaceId,
      data: { before, after: { ...policy } },
    });
  });
}

export async function updatePromptPolicy(ctx: WorkspaceContext, promptId: string, override: PolicyOverride): Promise<void> {
  assertCan(ctx, 'policy.change');
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const prompt = await tx.prompt.findFirst({ where: { id: promptId, workspaceId: ctx.workspaceId }, select: { id: true, slug: true } });
    if (!prompt) throw new AppError('not_found', 'Prompt not found');
    await assertReviewersAreMembers(tx, ctx, override.designatedReviewerIds ?? []);
    const data = { ...override, designatedReviewerIds: override.designatedReviewerIds ?? [] };
    const before = await tx.prompt.findUniqueOrThrow({ where: { id: prompt.id }, select: policySelect });
    await tx.prompt.update({ where: { id: prompt.id }, data });
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actorId: ctx.userId,
      action: 'policy.change',
      targetType: 'prompt',
      targetId: prompt.id,
      data: { slug: prompt.slug, before, after: data },
    });
  });
}
