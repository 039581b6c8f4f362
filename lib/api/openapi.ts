// The OpenAPI 3.1 document of the read API and its Langfuse-compatible path, served at
// /api/v1/openapi.json. It is generated from the zod schemas the handlers parse requests with
// (lib/schemas/read-api.ts, langfuse-api.ts), so what it allows is what the server accepts;
// the statuses are the ones each route can answer (tests/integration/openapi-contract.test.ts
// sends every one and validates the answer against this document).
import { z } from 'zod';
import { contentSchema, jsonValueSchema } from '@/lib/domain/content';
import { langfusePromptListSchema, langfusePromptSchema } from '@/lib/schemas/langfuse-api';
import {
  chatMessageSchema,
  conditionalHeadersSchema,
  listQuerySchema,
  promptListSchema,
  promptQuerySchema,
  renderBodySchema,
  renderResultSchema,
  servedPromptSchema,
  slugPathSchema,
} from '@/lib/schemas/read-api';
import {
  cacheControl,
  componentSchemas,
  errorResponseComponents,
  errors,
  inputSchema,
  jsonResponse,
  parameters,
  servedResponses,
  servedSnapshotHeaders,
} from './openapi-builder';
import { langfusePaths } from './openapi-langfuse';
import { WRITE_RESPONSE_SCHEMAS, writeComponentSchemas, writeErrorResponseComponents, writePaths } from './openapi-write';

/** Every /api/v1 operation behind a key can also answer these: no key, a wrong method, the rate limit, a transient failure. */
const KEYED = ['unauthenticated', 'method_not_allowed', 'rate_limited', 'unavailable'] as const;
const ETAG = /^"[0-9a-f]{64}"$/;
const KEY_SECURITY = [{ apiKey: [] }, { galleyKey: [] }];

const openApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: 'This document' });

const v1Paths = {
  '/api/v1/prompts': {
    get: {
      operationId: 'listPrompts',
      tags: ['Read API'],
      summary: 'List the prompts this key can read',
      description: 'A page of up to 100 prompts by slug; production and staging keys see published prompts only.',
      parameters: parameters('query', listQuerySchema),
      responses: {
        '200': jsonResponse('A page of prompts', 'PromptList', { 'Cache-Control': cacheControl('private, no-cache') }),
        ...errors('bad_request', ...KEYED),
      },
    },
  },
  '/api/v1/prompts/{slug}': {
    get: {
      operationId: 'getPrompt',
      tags: ['Read API'],
      summary: "What the key's environment serves, or a pinned release or revision",
      parameters: [
        ...parameters('path', slugPathSchema),
        ...parameters('query', promptQuerySchema),
        ...parameters('header', conditionalHeadersSchema),
      ],
      responses: {
        ...servedResponses('ServedPrompt', ETAG),
        ...errors('bad_request', 'forbidden', 'not_found', ...KEYED),
      },
    },
  },
  '/api/v1/prompts/{slug}/render': {
    post: {
      operationId: 'renderPrompt',
      tags: ['Read API'],
      summary: 'Render the served prompt (or a release) with variables',
      parameters: [
        ...parameters('path', slugPathSchema),
        ...parameters('header', conditionalHeadersSchema.pick({ 'X-Galley-Canary-Key': true })),
      ],
      requestBody: {
        // An empty body renders the served prompt with no variables.
        required: false,
        description: 'An empty body is `{}`',
        content: { 'application/json': { schema: inputSchema(renderBodySchema) } },
      },
      responses: {
        '200': jsonResponse('The rendered messages', 'RenderResult', {
          'Cache-Control': cacheControl('no-store'),
          ...servedSnapshotHeaders,
        }),
        ...errors('bad_request', 'not_found', 'conflict', 'payload_too_large', 'invalid', ...KEYED),
      },
    },
  },
  '/api/v1/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      tags: ['Read API'],
      summary: 'This document',
      security: [],
      responses: {
        '200': jsonResponse('The OpenAPI document', 'OpenApiDocument', { 'Cache-Control': cacheControl('public, max-age=300') }),
        ...errors('method_not_allowed', 'unavailable'),
      },
    },
  },
};

function buildDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Galley API',
      version: '1.0.0',
      description:
        'Read prompts with an environment-scoped API key. Production keys receive only releases; staging keys the staged revision and releases by version; development keys the draft head and any revision. Change prompts under `/api/v1/workspace` with a service token, which acts as a member of its role: the publish policy, approvals and self-approval rules apply to it as to a person. Errors are `{ "error": { "code", "message" } }`; bad input is never a 5xx.',
    },
    servers: [{ url: '/' }],
    security: KEY_SECURITY,
    tags: [
      { name: 'Read API', description: "Galley's own API for applications" },
      {
        name: 'Write API',
        description: 'Create and change prompts, review, publish, stage and roll back with a service token (the CLI uses it)',
      },
      { name: 'Langfuse-compatible', description: 'The prompt endpoints of Langfuse, so its official SDKs read Galley prompts unchanged' },
    ],
    paths: { ...v1Paths, ...writePaths(), ...langfusePaths() },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: glk_dev_…, glk_stg_… or glk_prod_…' },
        serviceToken: { type: 'http', scheme: 'bearer', description: 'A service token (gst_…) from the workspace settings' },
        galleyKey: { type: 'apiKey', in: 'header', name: 'X-Galley-Key', description: 'The same API key in a header of its own' },
        langfuseBasic: {
          type: 'http',
          scheme: 'basic',
          description:
            'As Langfuse SDKs send it: base64(publicKey:secretKey), the secret a Galley API key, the public key any non-empty string',
        },
      },
      responses: { ...errorResponseComponents(), ...writeErrorResponseComponents() },
      schemas: {
        ...writeComponentSchemas(),
        ...componentSchemas({
          ServedPrompt: servedPromptSchema,
          PromptList: promptListSchema,
          RenderResult: renderResultSchema,
          ChatMessage: chatMessageSchema,
          Content: contentSchema,
          JsonValue: jsonValueSchema,
          LangfusePrompt: langfusePromptSchema,
          LangfusePromptList: langfusePromptListSchema,
          OpenApiDocument: openApiDocumentSchema,
          ...WRITE_RESPONSE_SCHEMAS,
        }),
      },
    },
  };
}

let built: { document: ReturnType<typeof buildDocument>; json: Buffer } | undefined;

/** The document, generated once per process (the schemas do not change while it runs). */
export function openApiDocument() {
  built ??= (() => {
    const document = buildDocument();
    return { document, json: Buffer.from(JSON.stringify(document)) };
  })();
  return built.document;
}

/** The document serialized, for the handler. */
export function openApiJson(): Buffer {
  openApiDocument();
  return built!.json;
}
