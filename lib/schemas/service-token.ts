import { z } from 'zod';
import { MAX_SERVICE_TOKEN_DAYS, SERVICE_TOKEN_ROLES } from '@/lib/domain/service-token';
import { workspaceSlugSchema } from './workspace';

export const serviceTokenRoleSchema = z.enum(SERVICE_TOKEN_ROLES, {
  error: `Role must be one of ${SERVICE_TOKEN_ROLES.join(', ')} (a token is never an admin)`,
});

export const createServiceTokenSchema = z.object({
  workspace: workspaceSlugSchema,
  name: z.string().trim().min(1, 'Name the token after what uses it').max(80, 'Name must be at most 80 characters'),
  role: serviceTokenRoleSchema,
  expiresInDays: z
    .int('Enter a whole number of days')
    .min(1, 'Enter at least 1 day')
    .max(MAX_SERVICE_TOKEN_DAYS, `Enter at most ${MAX_SERVICE_TOKEN_DAYS} days`)
    .nullable(),
});

export const revokeServiceTokenSchema = z.object({
  workspace: workspaceSlugSchema,
  tokenId: z.string().min(1).max(64),
});

export type CreateServiceTokenInput = z.input<typeof createServiceTokenSchema>;
