// The Langfuse-compatible prompt endpoint's requests and responses (/api/public/v2/prompts,
// lib/api/langfuse.ts). As with read-api.ts, the handler parses with these and the OpenAPI
// document is generated from them. The response shapes are the fields Langfuse's SDKs read.
import { z } from 'zod';
import { chatMessageSchema, contentHashSchema, slugSchema, wholeNumber, wholeNumberQuery } from './read-api';

/** Langfuse labels Galley serves, each mapped onto an environment (see lib/api/langfuse.ts). */
export const LANGFUSE_LABELS = ['production', 'latest', 'staging', 'development'] as const;
export type LangfuseLabel = (typeof LANGFUSE_LABELS)[number];

const labelSchema = z.enum(LANGFUSE_LABELS, {
  error: (issue) => `No label "${String(issue.input)}"; Galley serves ${LANGFUSE_LABELS.join(', ')}`,
});
const labelDescription =
  'production: what a production key is served (canary included); latest: the newest release; staging: what a staging key is served (not for production keys); development: the draft head (development keys only). Any other label is a 404.';

// ---- Requests ------------------------------------------------------------------------------

/** A Langfuse prompt name is a Galley slug; any other name is a prompt Galley cannot have (404). */
export const langfuseNamePathSchema = z.object({ name: slugSchema.meta({ description: 'The prompt slug' }) });

export const langfusePromptQuerySchema = z
  .object({
    version: wholeNumberQuery()
      .optional()
      .meta({ description: 'A release version (an immutable response). Exclusive with `label`: sending both is a 400.' }),
    label: labelSchema
      .optional()
      .meta({ description: `${labelDescription} Exclusive with \`version\`: sending both is a 400.`, default: 'production' }),
  })
  .refine((q) => q.version === undefined || q.label === undefined, { error: 'Ask for a label or a version, not both' });

// PostgreSQL text cannot hold a NUL character: a filter with one was a database error (a 503).
const filterText = z.string().regex(/^[^\u0000]*$/, { error: 'must not contain a NUL character' });

export const langfuseListQuerySchema = z.object({
  // zod leaves a default out of the input's JSON Schema when a pipe (the decimal conversion)
  // sits under it, so the document is told it again.
  page: wholeNumberQuery().default(1).meta({ description: 'The page, from 1', default: 1 }),
  limit: wholeNumberQuery(100).default(50).meta({ description: 'Prompts per page', default: 50 }),
  name: filterText.optional().meta({ description: 'Only the prompt with this slug' }),
  tag: filterText.optional().meta({ description: 'Only prompts with this tag' }),
  label: labelSchema.optional().meta({
    description: `Only prompts this label serves. Without one, a development key also lists unpublished prompts. ${labelDescription}`,
  }),
});

export const langfuseVersionPathSchema = z.object({
  name: z.string().meta({ description: 'The prompt name' }),
  version: z.string().meta({ description: 'The version' }),
});

// ---- Responses -----------------------------------------------------------------------------

const dateTime = z.iso.datetime();

const promptFields = {
  id: z.string().meta({ description: '`slug@v3` for a release, `slug@r7` for a revision' }),
  name: slugSchema,
  version: wholeNumber().meta({ description: 'The release version; for the draft head or a staged revision, its revision number' }),
  config: z.record(z.string(), z.unknown()).meta({ description: 'The model settings: provider, model, temperature, … and params' }),
  labels: z.array(z.enum(LANGFUSE_LABELS)),
  tags: z.array(z.string()),
  commitMessage: z.string().nullable().meta({ description: 'The release note' }),
  createdAt: dateTime,
  updatedAt: dateTime,
  createdBy: z.string(),
  isActive: z.null(),
  resolutionGraph: z.null(),
  galley: z.object({
    title: z.string(),
    kind: z.enum(['release', 'revision']),
    version: wholeNumber().nullable(),
    revision: wholeNumber(),
    contentHash: contentHashSchema,
    canary: z.literal(true).optional(),
  }),
};

export const langfusePromptSchema = z
  .discriminatedUnion('type', [
    z.object({ ...promptFields, type: z.literal('text'), prompt: z.string() }),
    z.object({ ...promptFields, type: z.literal('chat'), prompt: z.array(chatMessageSchema) }),
  ])
  .meta({
    description:
      'A prompt as Langfuse serves it. `text` when the content compiles to exactly one system or user message, else `chat`; `{{variables}}` are left in place for the SDK’s compile().',
  });

export const langfusePromptListSchema = z.object({
  data: z.array(
    z.object({
      name: slugSchema,
      versions: z.array(wholeNumber()),
      labels: z.array(z.enum(LANGFUSE_LABELS)),
      tags: z.array(z.string()),
      lastUpdatedAt: dateTime,
      lastConfig: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  meta: z.object({
    page: wholeNumber(),
    limit: wholeNumber(100),
    totalItems: z.int().min(0),
    totalPages: z.int().min(0),
  }),
});

export type LangfusePromptBody = z.output<typeof langfusePromptSchema>;
export type LangfusePromptListBody = z.output<typeof langfusePromptListSchema>;
