// OpenAPI 3.1 description of the read API, served at /api/v1/openapi.json.
const error = { $ref: '#/components/responses/Error' };

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
          parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor from the previous page' }],
          responses: {
            '200': {
              description: 'A page of prompts',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PromptList' } } },
            },
            '400': error,
            '401': error,
            '429': error,
          },
        },
      },
      '/api/v1/prompts/{slug}': {
        get: {
          summary: "What the key's environment serves, or a pinned release or revision",
          parameters: [
            { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$' } },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'A release (immutable response)' },
            { name: 'revision', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'A revision; development keys only' },
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
            '401': error,
            '403': error,
            '404': error,
            '429': error,
          },
        },
      },
      '/api/v1/prompts/{slug}/render': {
        post: {
          summary: 'Render the served prompt (or a release) with variables',
          parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { variables: { type: 'object', additionalProperties: true }, version: { type: 'integer', minimum: 1 } },
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
            '401': error,
            '404': error,
            '413': error,
            '422': error,
            '429': error,
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
