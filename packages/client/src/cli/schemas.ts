// The write API's answers as the CLI relies on them, checked with zod before use, so a server
// of another version fails with a clear message instead of a TypeError somewhere later.
import { z } from 'zod';

// include and placeholder are listed, or zod would strip them and a pull would write a file
// whose include block has lost its target.
const block = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  enabled: z.boolean(),
  placeholder: z.object({ name: z.string(), required: z.boolean() }).optional(),
  include: z
    .object({
      promptSlug: z.string(),
      pin: z.union([z.literal('production'), z.object({ release: z.number() })]),
      resolved: z.json().optional(),
    })
    .optional(),
});
const variable = z.object({
  name: z.string(),
  type: z.enum(['string', 'number', 'boolean', 'json']),
  required: z.boolean(),
  default: z.json().optional(),
  description: z.string().optional(),
});
export const contentSchema = z.object({
  blocks: z.array(block),
  variables: z.array(variable),
  model: z.object({
    provider: z.string(),
    model: z.string(),
    temperature: z.number().optional(),
    maxTokens: z.number().optional(),
    topP: z.number().optional(),
    params: z.record(z.string(), z.json()).default({}),
  }),
});

export const workspaceInfoSchema = z.object({
  workspace: z.object({ slug: z.string(), name: z.string() }),
  // authorId: since the write API returned it; a server without it leaves the CLI matching by name.
  token: z.object({ name: z.string(), role: z.string(), authorId: z.string().optional() }),
});

const head = z.object({
  number: z.number(),
  contentHash: z.string(),
  authorId: z.string().optional(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
const meta = { slug: z.string(), name: z.string(), description: z.string(), tags: z.array(z.string()) };

export const promptPageSchema = z.object({
  items: z.array(
    z.object({
      ...meta,
      head: head.nullable(),
      production: z.object({ version: z.number(), revisionNumber: z.number(), contentHash: z.string() }).nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type PromptSummary = z.infer<typeof promptPageSchema>['items'][number];

export const promptDetailSchema = z.object({
  prompt: z.object(meta),
  head: head.extend({ content: contentSchema }),
  production: z.object({ version: z.number(), revisionNumber: z.number(), contentHash: z.string(), content: contentSchema }).nullable(),
});
export type PromptDetail = z.infer<typeof promptDetailSchema>;

export const revisionPageSchema = z.object({
  items: z.array(
    z.object({ number: z.number(), authorId: z.string().optional(), authorName: z.string().nullable(), createdAt: z.string() }),
  ),
  nextCursor: z.number().nullable(),
});

export const savedRevisionSchema = z.object({
  revision: z.object({ number: z.number(), contentHash: z.string() }),
  created: z.boolean(),
});

export const releaseSchema = z.object({
  release: z.object({ version: z.number(), revisionNumber: z.number(), contentHash: z.string(), note: z.string() }),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    head: z.object({ number: z.number(), authorName: z.string().nullable(), createdAt: z.string() }).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>['error'];
