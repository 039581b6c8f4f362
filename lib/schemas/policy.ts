import { z } from 'zod';
import { workspaceSlugSchema } from './workspace';

const reviewers = z.array(z.string().min(1).max(64)).max(20, 'At most 20 designated reviewers');
const approvals = z.coerce.number().int('Whole number').min(0, 'At least 0').max(10, 'At most 10');

export const workspacePolicySchema = z.object({
  workspace: workspaceSlugSchema,
  requiredApprovals: approvals,
  allowSelfApproval: z.boolean(),
  requireResolvedConversations: z.boolean().default(false),
  requirePassingEvaluation: z.boolean(),
  draftPolicy: z.enum(['reset', 'retain']),
  designatedReviewerIds: reviewers.default([]),
});

/** null: inherit the workspace's setting. */
export const promptPolicySchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: z.string().min(1).max(64),
  requiredApprovals: approvals.nullable(),
  allowSelfApproval: z.boolean().nullable(),
  requireResolvedConversations: z.boolean().nullable().default(null),
  requirePassingEvaluation: z.boolean().nullable(),
  draftPolicy: z.enum(['reset', 'retain']).nullable(),
  designatedReviewerIds: reviewers.default([]),
});
