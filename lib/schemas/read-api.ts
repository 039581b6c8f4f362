// The read API's requests and responses (/api/v1). The handler parses requests with these
// schemas and the OpenAPI document (lib/api/openapi.ts) is generated from them, so the two
// cannot disagree. Field errors are predicates ("must be …"): the handler prefixes the field.
import { z } from 'zod';
import { API_KEY_ENVIRONMENTS } from '@/lib/domain/api-key';
import { contentSchema } from '@/lib/domain/content';
import { SLUG_RE } from '@/lib/domain/slug';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';

/** The largest version or revision number: PostgreSQL's integer. */
export const MAX_WHOLE_NUMBER = 2_147_483_647;

/**
 * A whole number as a query string carries it: the decimal form String(n) gives, which is how
 * an OpenAPI integer parameter is written. "1e3", "+1", "01" or "1.0" are not that form.
 */
export const WHOLE_NUMBER_RE = /^[1-9][0-9]{0,9}$/;

/** The cheap check behind wholeNumberQuery, for the warm path: the number, or null. */
export function wholeNumberParam(raw: string, max = MAX_WHOLE_NUMBER): number | null {
  if (!WHOLE_NUMBER_RE.test(raw)) return null;
  const n = Number(raw);
  return n <= max ? n : null;
}

export function wholeNumber(max = MAX_WHOLE_NUMBER) {
  const error = `must be a whole number from 1 to ${max}`;
  return z.int({ error }).min(1, { error }).max(max, { error });
}

/** wholeNumber in a query string: only its decimal form becomes a number; anything else fails. */
export function wholeNumberQuery(max = MAX_WHOLE_NUMBER) {
  return z.preprocess((raw) => (typeof raw === 'string' && WHOLE_NUMBER_RE.test(raw) ? Number(raw) : raw), wholeNumber(max));
}

export const slugSchema = z
  .string({ error: 'must be a prompt slug' })
  .regex(SLUG_RE, { error: 'must be a prompt slug: lowercase letters, digits and dashes, at most 64, no dash at either end' });

export const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const environment = z.enum(API_KEY_ENVIRONMENTS);

// ---- Requests ------------------------------------------------------------------------------

export const slugPathSchema = z.object({ slug: slugSchema.meta({ description: 'The prompt slug' }) });

export const listQuerySchema = z.object({
  cursor: slugSchema.optional().meta({ description: '`nextCursor` from the previous page' }),
});

export const promptQuerySchema = z
  .object({
    version: wholeNumberQuery()
      .optional()
      .meta({ description: 'A release (an immutable response). Exclusive with `revision`: sending both is a 400.' }),
    revision: wholeNumberQuery()
      .optional()
      .meta({ description: 'A revision; development keys only (others get 403). Exclusive with `version`: sending both is a 400.' }),
  })
  .refine((q) => q.version === undefined || q.revision === undefined, { error: 'Ask for a version or a revision, not both' });

export const conditionalHeadersSchema = z.object({
  'If-None-Match': z.string().optional().meta({ description: 'An ETag from an earlier answer: a match is a 304 with no body' }),
  'X-Galley-Canary-Key': z.string().optional().meta({ description: 'Sticky canary bucketing per caller (default: the API key)' }),
});

export const renderBodySchema = z.object(
  {
    variables: z
      .record(z.string(), z.unknown(), { error: 'must be a JSON object' })
      .optional()
      .meta({ description: 'Values by variable name; checked against the prompt’s variable definitions' }),
    version: wholeNumber().optional().meta({ description: 'Render this release instead of what the key is served' }),
    placeholders: z.record(z.string(), z.array(z.unknown()), { error: 'must be an object of message lists' }).optional().meta({
      description:
        'Messages by placeholder name, inserted where the prompt has that placeholder block (conversation history); each is { role: system|user|assistant|tool, content }. A missing required placeholder is a 422 naming it.',
    }),
  },
  { error: 'The request body must be a JSON object' },
);

// ---- Responses -----------------------------------------------------------------------------

export const servedPromptSchema = z
  .object({
    slug: slugSchema,
    name: z.string(),
    environment,
    kind: z.enum(['release', 'revision']),
    version: wholeNumber().nullable().meta({ description: 'The release; null for a revision' }),
    revision: wholeNumber().optional().meta({ description: 'The revision number, for a revision' }),
    canary: z.literal(true).optional().meta({ description: 'Present when the caller fell into the canary share' }),
    contentHash: contentHashSchema,
    content: contentSchema.meta({ description: 'The content, with every include expanded into the blocks it stands for' }),
    resolvedIncludes: z
      .array(
        z.object({
          slug: slugSchema.meta({ description: 'The included prompt' }),
          pin: z.string().meta({ description: '`production` or `vN`, as the author pinned it' }),
          version: wholeNumber().meta({ description: 'The release of the included prompt this content stands on' }),
          frozen: z.boolean().meta({
            description:
              'true for a release: frozen when it was published and never changes. false for a revision (development, staging): resolved when the draft was saved or updated; republishing the included prompt shows an update in the editor and changes nothing here until the draft is updated',
          }),
        }),
      )
      .optional()
      .meta({ description: 'Present when the content includes other prompts: which release of each it was resolved with' }),
  })
  .meta({ description: "What the key's environment serves, or a pinned release or revision" });

export const promptListSchema = z.object({
  environment,
  items: z.array(
    z.object({
      slug: slugSchema,
      name: z.string(),
      version: wholeNumber().nullable(),
      revision: wholeNumber().nullable().meta({ description: 'null for production keys, which see releases only' }),
      contentHash: contentHashSchema,
    }),
  ),
  nextCursor: slugSchema.nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last one' }),
});

export const chatMessageSchema = z.object({ role: z.enum(['system', 'user', 'assistant', 'tool']), content: z.string() });

export const renderResultSchema = z.object({
  messages: z.array(chatMessageSchema),
  text: z.string().meta({ description: 'The messages joined, for completion-style models' }),
  version: wholeNumber().nullable(),
  revision: wholeNumber().optional(),
  contentHash: contentHashSchema,
});

const variableErrors = z.object({
  errors: z.array(z.object({ variable: z.string().optional(), placeholder: z.string().optional(), message: z.string() })),
});

/** The error body of one code: `{ error: { code, message, details? } }`. */
export function errorBodySchema(code: ErrorCode) {
  return z.object({
    error: z.object({
      code: z.literal(code),
      message: z.string(),
      details: (code === 'invalid' ? variableErrors : z.record(z.string(), z.unknown())).optional(),
    }),
  });
}

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export type ServedPromptBody = z.output<typeof servedPromptSchema>;
export type PromptListBody = z.output<typeof promptListSchema>;
export type RenderResultBody = z.output<typeof renderResultSchema>;
