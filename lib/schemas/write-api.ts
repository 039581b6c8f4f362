// The write API's requests and responses (/api/v1/workspace, for service tokens and the CLI).
// The handlers parse with these schemas and the OpenAPI document is generated from them
// (lib/api/openapi-write.ts). The request fields reuse the forms' schemas, so the API accepts
// exactly what the UI does.
import { z } from 'zod';
import { contentSchema } from '@/lib/domain/content';
import { SERVICE_TOKEN_ROLES } from '@/lib/domain/service-token';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { emailSchema } from './auth';
import { createPromptSchema, tagsSchema } from './prompt';
import { contentHashSchema, slugSchema, wholeNumber, wholeNumberQuery } from './read-api';
import { publishSchema } from './release';
import { requestReviewSchema } from './review';

const promptFields = createPromptSchema.shape;
const timestamp = z.iso.datetime().meta({ description: 'ISO 8601, UTC' });

// ---- Requests ------------------------------------------------------------------------------

export const revisionPathSchema = z.object({
  slug: slugSchema.meta({ description: 'The prompt slug' }),
  number: wholeNumberQuery().meta({ description: 'The revision number' }),
});

export const promptPageQuerySchema = z.object({
  cursor: slugSchema.optional().meta({ description: '`nextCursor` from the previous page' }),
  limit: wholeNumberQuery(200).optional().meta({ description: 'Prompts per page, at most 200 (default 50)' }),
});

export const revisionPageQuerySchema = z.object({
  cursor: wholeNumberQuery().optional().meta({ description: '`nextCursor` from the previous page: revisions below this number' }),
});

export const auditQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, { error: 'must be a `nextCursor` from an earlier page' })
    .optional()
    .meta({ description: '`nextCursor` from the previous page' }),
  action: z
    .string()
    .regex(/^[a-z_.]{1,64}$/, { error: 'must be an action or its prefix, such as "release" or "release.publish"' })
    .optional()
    .meta({ description: 'Only events whose action starts with this' }),
});

const object = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, { error: 'The request body must be a JSON object of the documented fields' });

export const createPromptBodySchema = object({
  slug: promptFields.slug,
  name: promptFields.name,
  description: promptFields.description,
  tags: promptFields.tags,
  content: contentSchema.optional().meta({ description: 'The first revision (default: an empty system and user block)' }),
});

export const updatePromptBodySchema = object({
  name: promptFields.name.optional(),
  description: z.string().trim().max(2000, 'Description must be at most 2,000 characters').optional(),
  tags: tagsSchema.optional(),
}).refine((b) => b.name !== undefined || b.description !== undefined || b.tags !== undefined, {
  error: 'Send at least one of name, description and tags',
});

export const saveRevisionBodySchema = object({
  baseRevision: wholeNumber().meta({ description: 'The head revision the change was made on; another head is a 409' }),
  content: contentSchema,
  message: z.string().trim().max(500, 'Message must be at most 500 characters').optional().meta({ description: 'What changed' }),
});

export const requestReviewBodySchema = object({
  revision: wholeNumber(),
  reviewers: z
    .array(emailSchema)
    .max(20, 'At most 20 reviewers')
    .optional()
    .meta({ description: 'Emails of members with the reviewer role or higher' }),
  title: requestReviewSchema.shape.title,
  description: requestReviewSchema.shape.description,
});

export const publishBodySchema = object({ revision: wholeNumber(), note: publishSchema.shape.note });

export const rollbackBodySchema = object({
  version: wholeNumber().meta({ description: 'The release production serves from now on' }),
  note: z.string().trim().max(2000, 'Note must be at most 2,000 characters').optional(),
});

export const stageBodySchema = object({ revision: wholeNumber() });

// ---- Responses -----------------------------------------------------------------------------

export const workspaceInfoSchema = z.object({
  workspace: z.object({ slug: z.string(), name: z.string() }),
  token: z.object({
    name: z.string(),
    role: z.enum(SERVICE_TOKEN_ROLES),
    authorId: z.string().meta({ description: "The id that names this token's own revisions (`authorId`)" }),
  }),
});

const authorId = z.string().meta({ description: 'Who saved it: a user id, or the service user id of a token (see GET /api/v1/workspace)' });
const headSummary = z.object({
  number: wholeNumber(),
  contentHash: contentHashSchema,
  authorId,
  authorName: z.string(),
  createdAt: timestamp,
});
const productionSummary = z.object({ version: wholeNumber(), revisionNumber: wholeNumber(), contentHash: contentHashSchema });
const promptDetails = { slug: slugSchema, name: z.string(), description: z.string(), tags: z.array(z.string()) };

export const promptSummarySchema = z.object({ ...promptDetails, head: headSummary.nullable(), production: productionSummary.nullable() });

export const promptPageSchema = z.object({
  items: z.array(promptSummarySchema),
  nextCursor: slugSchema.nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last one' }),
});

export const promptDetailSchema = z.object({
  prompt: z.object(promptDetails),
  head: headSummary.extend({ content: contentSchema }),
  production: productionSummary.extend({ content: contentSchema }).nullable(),
  staging: z.object({ revisionNumber: wholeNumber(), contentHash: contentHashSchema, content: contentSchema }).nullable(),
});

export const revisionSummarySchema = z.object({
  number: wholeNumber(),
  contentHash: contentHashSchema,
  authorId,
  authorName: z.string(),
  createdAt: timestamp,
  source: z.enum(['save', 'restore', 'publish_reset', 'seed']),
  message: z.string(),
  releaseVersions: z.array(wholeNumber()),
  isHead: z.boolean(),
});

export const revisionPageSchema = z.object({
  items: z.array(revisionSummarySchema),
  nextCursor: wholeNumber().nullable().meta({ description: 'Pass as `cursor` for the next (older) page; null on the last one' }),
});

export const revisionDetailSchema = z.object({ revision: revisionSummarySchema.extend({ content: contentSchema }) });

export const savedRevisionSchema = z.object({
  revision: z.object({ number: wholeNumber(), contentHash: contentHashSchema, createdAt: timestamp }),
  created: z.boolean().meta({ description: 'false when the content equals the head: nothing was written' }),
  message: z.string().optional(),
});

export const reviewCreatedSchema = z.object({ review: z.object({ id: z.string(), revisionNumber: wholeNumber() }) });

export const releaseCreatedSchema = z.object({
  release: z.object({
    version: wholeNumber(),
    revisionNumber: wholeNumber(),
    contentHash: contentHashSchema,
    note: z.string(),
    publishedAt: timestamp,
  }),
});

export const rollbackResultSchema = z.object({ production: z.object({ version: wholeNumber() }) });

export const stagingResultSchema = z.object({
  staging: z.object({ revisionNumber: wholeNumber() }),
  changed: z.boolean().meta({ description: 'false when staging already served this revision' }),
});

export const auditPageSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actor: z.string().nullable().meta({ description: 'Who acted: a member, or a service token by its name' }),
      targetType: z.string(),
      targetId: z.string(),
      data: z.unknown(),
      createdAt: timestamp,
    }),
  ),
  nextCursor: z.string().nullable(),
});

const conflictHead = z.object({
  number: wholeNumber(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: timestamp,
});

/** The write API's error body: the read API's, plus field errors and, for a moved head, the head. */
export function writeErrorBodySchema(code: ErrorCode) {
  return z.object({
    error: z.object({
      code: z.literal(code),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().meta({ description: 'Messages by field path' }),
      ...(code === 'conflict' && { head: conflictHead.optional().meta({ description: 'A save on a moved head: the head now' }) }),
    }),
  });
}

export const WRITE_ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export type PromptPageBody = z.output<typeof promptPageSchema>;
export type PromptDetailBody = z.output<typeof promptDetailSchema>;
export type RevisionPageBody = z.output<typeof revisionPageSchema>;
export type RevisionDetailBody = z.output<typeof revisionDetailSchema>;
export type SavedRevisionBody = z.output<typeof savedRevisionSchema>;
export type AuditPageBody = z.output<typeof auditPageSchema>;
