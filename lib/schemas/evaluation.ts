// Inputs of the evaluation and model-provider actions. The data functions parse with the
// same schemas (providerSchema, testCaseSchema), so their field errors match the forms'.
import { z } from 'zod';
import { testCaseSchema } from '@/lib/domain/eval/test-case';
import { workspaceSlugSchema } from './workspace';

const id = z.string().min(1).max(64);

export const providerSchema = z.object({
  name: z.string().trim().min(1, 'Name the provider').max(80, 'At most 80 characters'),
  baseUrl: z
    .string()
    .trim()
    .max(2_000, 'At most 2,000 characters')
    .refine((v) => {
      try {
        const url = new URL(v);
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'Enter an http(s) URL such as https://api.openai.com/v1 (without credentials in it)'),
  model: z.string().trim().min(1, 'Enter a model name').max(200, 'At most 200 characters'),
  /** undefined keeps the stored key (updates); '' or null removes it. */
  apiKey: z.string().trim().max(4_000, 'At most 4,000 characters').nullable().optional(),
});
export type ProviderInput = z.input<typeof providerSchema>;

export const createProviderSchema = providerSchema.extend({ workspace: workspaceSlugSchema });
export const updateProviderSchema = providerSchema.extend({ workspace: workspaceSlugSchema, providerId: id });
export const deleteProviderSchema = z.object({ workspace: workspaceSlugSchema, providerId: id });

export const createTestCaseSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, testCase: testCaseSchema });
export const updateTestCaseSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, testCaseId: id, testCase: testCaseSchema });
export const deleteTestCaseSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, testCaseId: id });

export const startRunSchema = z.object({
  workspace: workspaceSlugSchema,
  promptId: id,
  revisionId: id.optional(),
  releaseId: id.optional(),
  providerId: id.optional(),
});
export const runRefSchema = z.object({ workspace: workspaceSlugSchema, promptId: id, runId: id });
