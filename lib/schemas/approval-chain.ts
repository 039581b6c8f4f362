import { z } from 'zod';
import type { ChainPolicy } from '@/lib/domain/approval-chain';
import { workspaceSlugSchema } from './workspace';

// Only roles that may review can approve a stage.
const approverRole = z.enum(['reviewer', 'publisher', 'admin'], { error: 'Pick reviewer, publisher or admin' });

const approvers = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('members'),
      userIds: z.array(z.string().min(1).max(64)).min(1, 'Pick at least one member').max(20, 'At most 20 members'),
    }),
    z.object({ kind: z.literal('role'), minRole: approverRole }),
  ],
  { error: 'Approvers are named members or a minimum role' },
);

export const approvalStageSchema = z.object({
  name: z.string().trim().min(1, 'Name the stage').max(60, 'A stage name is at most 60 characters'),
  approvers,
  required: z.coerce.number().int('Whole number').min(1, 'At least 1').max(10, 'At most 10'),
  allowSelfApproval: z.boolean().nullable().default(null),
});

export const tagRuleSchema = z.object({
  tag: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter a tag')
    .max(32, 'A tag is at most 32 characters')
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Tags use lowercase letters, digits, - and _'),
  stage: approvalStageSchema,
});

export const chainPolicySchema = z.object({
  stages: z.array(approvalStageSchema).max(10, 'At most 10 stages'),
  tagRules: z.array(tagRuleSchema).max(20, 'At most 20 tag rules'),
});

export const updateApprovalChainSchema = chainPolicySchema.extend({ workspace: workspaceSlugSchema });

/** What the database holds; null when it does not parse (the caller fails closed). */
export function parseStoredChain(stages: unknown, tagRules: unknown): ChainPolicy | null {
  const parsed = chainPolicySchema.safeParse({ stages, tagRules });
  return parsed.success ? parsed.data : null;
}
