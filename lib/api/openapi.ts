// OpenAPI 3.1 description of the read API, served at /api/v1/openapi.json. It is kept as
// strict as the handler (lib/api/handler.ts): what it allows is never refused with a 400.
import { SLUG_RE } from '@/lib/domain/slug';

const error = { $ref: '#/components/responses/Error' };
const slugSchema = { type: 'string', pattern: SLUG_RE.source };
const MAX_INT = 2_147_483_647;
/** Every operation can also answer these: a wrong method, a wrong or missing key, the rate limit, a transient failure. */
const common = { '401': error, '405': error, '429': error, '503': error };

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Galley read API',
      version: '1.0.0',
      description:
        'Read prompts with an environment-scoped API key. Production keys receive only releases; staging keys the staged revision and releases by version; development keys the draft head and any revision.',
    },
    servers: [{ url: '/' }],
    security: [{ apiKey: [] }],
    paths: {
      '/api/v1/prompts': {
        get: {
          summary: 'List the prompts this key can read',
          parameters: [{ name: 'cursor', in: 'query', schema: slugSchema, description: 'nextCursor from the previous page' }],
          responses: {
            '200': {
              description: 'A page of prompts',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PromptList' } } },
            },
            '400': error,
            ...common,
          },
        },
      },
      '/api/v1/prompts/{slug}': {
        get: {
          summary: "What the key's environment serves, or a pinned release or revision",
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: slugSchema },
            {
              name: 'version',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: MAX_INT },
              description: 'A release (immutable response). Exclusive with `revision`: sending both is a 400.',
            },
            {
              name: 'revision',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: MAX_INT },
              description: 'A revision; development keys only (others get 403). Exclusive with `version`: sending both is a 400.',
            },
            { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
            { name: 'X-Galley-Canary-Key', in: 'header', schema: { type: 'string' }, description: 'Sticky canary bucketing per caller' },
          ],
          responses: {
            '200': {
              description: 'The prompt',
              headers: { ETag: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ServedPrompt' } } },
            },
            '304': { description: 'Not modified (ETag matched)' },
            '400': error,
            '403': error,
            '404': error,
            ...common,
          },
        },
      },
      '/api/v1/prompts/{slug}/render': {
        post: {
          summary: 'Render the served prompt (or a release) with variables',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: slugSchema }],
          requestBody: {
            // An empty body renders the served prompt with no variables.
            required: false,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    variables: { type: 'object', additionalProperties: true },
                    version: { type: 'integer', minimum: 1, maximum: MAX_INT },
                  },
                },
              },
            },
          },
          responses: {
            '200': {
              description: 'Rendered messages',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Rendered' } } },
            },
            '400': error,
            '404': error,
            '409': error,
            '413': error,
            '422': error,
            ...common,
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'glk_dev_…, glk_stg_… or glk_prod_…' } },
      responses: {
        Error: { description: 'An error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
        },
        ServedPrompt: {
          type: 'object',
          required: ['slug', 'name', 'environment', 'kind', 'contentHash', 'content'],
          properties: {
            slug: { type: 'string' },
            name: { type: 'string' },
            environment: { enum: ['development', 'staging', 'production'] },
            kind: { enum: ['release', 'revision'] },
            version: { type: ['integer', 'null'] },
            revision: { type: 'integer' },
            canary: { type: 'boolean' },
            contentHash: { type: 'string' },
            content: { type: 'object' },
          },
        },
        PromptList: {
          type: 'object',
          properties: {
            environment: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  slug: { type: 'string' },
                  name: { type: 'string' },
                  version: { type: ['integer', 'null'] },
                  revision: { type: ['integer', 'null'] },
                  contentHash: { type: 'string' },
                },
              },
            },
            nextCursor: { type: ['string', 'null'] },
          },
        },
        Rendered: {
          type: 'object',
          properties: {
            messages: {
              type: 'array',
              items: { type: 'object', properties: { role: { enum: ['system', 'user', 'assistant'] }, content: { type: 'string' } } },
            },
            text: { type: 'string' },
            version: { type: ['integer', 'null'] },
            revision: { type: 'integer' },
            contentHash: { type: 'string' },
          },
        },
      },
    },
  };
}
