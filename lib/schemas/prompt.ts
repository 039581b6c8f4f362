import { z } from 'zod';
import { SLUG_RE } from '@/lib/domain/slug';
import { workspaceSlugSchema } from './workspace';

export const promptSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(64, 'Slug must be at most 64 characters')
  .regex(SLUG_RE, 'Use lowercase letters, digits and dashes (not at the start or end)');

export const tagsSchema = z
  .array(
    z
      .string()
      .trim()
      .toLowerCase()
      .min(1)
      .max(32, 'A tag is at most 32 characters')
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Tags use lowercase letters, digits, - and _'),
  )
  .max(20, 'At most 20 tags')
  .transform((tags) => [...new Set(tags)]);

export const createPromptSchema = z.object({
  workspace: workspaceSlugSchema,
  name: z.string().trim().min(1, 'Enter a name').max(120, 'Name must be at most 120 characters'),
  slug: promptSlugSchema,
  description: z.string().trim().max(2000, 'Description must be at most 2,000 characters').default(''),
  tags: tagsSchema.default([]),
});
export type CreatePromptInput = z.infer<typeof createPromptSchema>;

export const promptListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});
