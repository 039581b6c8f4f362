// The Langfuse-compatible paths of the OpenAPI document (lib/api/openapi.ts), generated from
// lib/schemas/langfuse-api.ts. Writes are documented only to say they are refused: Galley
// publishes through review.
import { z } from 'zod';
import {
  langfuseListQuerySchema,
  langfuseNamePathSchema,
  langfusePromptQuerySchema,
  langfuseVersionPathSchema,
} from '@/lib/schemas/langfuse-api';
import { conditionalHeadersSchema } from '@/lib/schemas/read-api';
import { allow, cacheControl, errorResponse, errors, jsonResponse, parameters, servedResponses } from './openapi-builder';

const TAGS = ['Langfuse-compatible'];
const SECURITY = [{ langfuseBasic: [] }, { apiKey: [] }, { galleyKey: [] }];
const ETAG = /^"lf-[0-9a-f]{64}"$/;
/** A key is checked after the path and method, so every read can answer these. */
const KEYED = ['unauthenticated', 'rate_limited', 'unavailable'] as const;

/** A write, refused before any key is read (so it needs none). */
function refused(operationId: string, summary: string, path?: z.ZodObject) {
  return {
    operationId,
    tags: TAGS,
    summary,
    description: 'Refused: Galley publishes through review. Create and change prompts in Galley.',
    security: [],
    ...(path && { parameters: parameters('path', path) }),
    responses: {
      '403': errorResponse('forbidden', 'Writes are refused: Galley publishes through review', {
        Allow: allow('GET, the only method this path takes'),
      }),
    },
  };
}

export function langfusePaths() {
  return {
    '/api/public/v2/prompts': {
      get: {
        operationId: 'langfuseListPrompts',
        tags: TAGS,
        summary: 'List prompts, with Langfuse paging',
        security: SECURITY,
        parameters: parameters('query', langfuseListQuerySchema),
        responses: {
          '200': jsonResponse('A page of prompts', 'LangfusePromptList', { 'Cache-Control': cacheControl('private, no-cache') }),
          ...errors('bad_request', 'forbidden', 'not_found', ...KEYED),
        },
      },
      post: refused('langfuseCreatePrompt', 'Create a prompt (refused)'),
    },
    '/api/public/v2/prompts/{name}': {
      get: {
        operationId: 'langfuseGetPrompt',
        tags: TAGS,
        summary: 'A prompt by label (default production) or by version',
        description:
          'A name that is not a Galley slug is a prompt Galley cannot have: a 404, like any other unknown name. A content that cannot compile is a 409.',
        security: SECURITY,
        parameters: [
          ...parameters('path', langfuseNamePathSchema),
          ...parameters('query', langfusePromptQuerySchema),
          ...parameters('header', conditionalHeadersSchema),
        ],
        responses: {
          ...servedResponses('LangfusePrompt', ETAG),
          ...errors('bad_request', 'forbidden', 'not_found', 'conflict', ...KEYED),
        },
      },
      delete: refused('langfuseDeletePrompt', 'Delete a prompt (refused)', z.object({ name: langfuseVersionPathSchema.shape.name })),
    },
    '/api/public/v2/prompts/{name}/versions/{version}': {
      patch: refused('langfuseUpdatePromptVersion', "Change a version's labels (refused)", langfuseVersionPathSchema),
    },
  };
}
