import { z } from 'zod';
import { ROLES } from '@/lib/authz-rules';
import { emailSchema } from './auth';

export const workspaceSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'Invalid workspace');
export const roleSchema = z.enum(ROLES, { error: `Role must be one of ${ROLES.join(', ')}` });

export const createWorkspaceSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name').max(80, 'Name must be at most 80 characters'),
});

export const inviteMemberSchema = z.object({
  workspace: workspaceSlugSchema,
  email: emailSchema,
  role: roleSchema,
});

export const changeRoleSchema = z.object({
  workspace: workspaceSlugSchema,
  membershipId: z.string().min(1).max(64),
  role: roleSchema,
});

export const removeMemberSchema = z.object({
  workspace: workspaceSlugSchema,
  membershipId: z.string().min(1).max(64),
});

export const revokeInvitationSchema = z.object({
  workspace: workspaceSlugSchema,
  invitationId: z.string().min(1).max(64),
});

export const issuePasswordResetSchema = z.object({
  workspace: workspaceSlugSchema,
  membershipId: z.string().min(1).max(64),
});
