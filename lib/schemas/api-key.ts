import { z } from 'zod';
import { API_KEY_ENVIRONMENTS } from '@/lib/domain/api-key';
import { workspaceSlugSchema } from './workspace';

export const apiKeyEnvironmentSchema = z.enum(API_KEY_ENVIRONMENTS, {
  error: `Environment must be one of ${API_KEY_ENVIRONMENTS.join(', ')}`,
});

export const createApiKeySchema = z.object({
  workspace: workspaceSlugSchema,
  name: z.string().trim().min(1, 'Name the key after what uses it').max(80, 'Name must be at most 80 characters'),
  environment: apiKeyEnvironmentSchema,
});

export const revokeApiKeySchema = z.object({
  workspace: workspaceSlugSchema,
  keyId: z.string().min(1).max(64),
});

export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
