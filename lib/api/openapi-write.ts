// The write API's part of the OpenAPI document (lib/api/openapi.ts): /api/v1/workspace/…,
// for service tokens. Generated from lib/schemas/write-api.ts, which the handlers parse with.
import { z } from 'zod';
import { contentSchema, jsonValueSchema } from '@/lib/domain/content';
import type { ErrorCode } from '@/lib/errors';
import { slugPathSchema } from '@/lib/schemas/read-api';
import * as w from '@/lib/schemas/write-api';
import {
  cacheControl,
  componentSchemas,
  errorHeaders,
  errorResponse,
  jsonResponse,
  parameters,
  pascal,
  prefixedErrors,
  schemaRef,
  type JsonObject,
} from './openapi-builder';

const TAGS = ['Write API'];
const SECURITY = [{ serviceToken: [] }];
const PREFIX = 'Write';
const errors = prefixedErrors(PREFIX);
/**
 * Every operation can answer these: no or a bad token, a wrong method, the rate limit, a
 * transient failure. Reads need viewer, the lowest role a token has, so they never answer 403.
 */
const TOKENED = ['unauthenticated', 'method_not_allowed', 'rate_limited', 'unavailable'] as const;
const NO_STORE = { 'Cache-Control': cacheControl('no-store') };

const DESCRIPTIONS: Record<ErrorCode, string> = {
  bad_request: 'A parameter or the body breaks its schema; the message names the first field, `fieldErrors` every one',
  unauthenticated: 'No service token, or a malformed, unknown, expired or revoked one; a read API key is refused too',
  forbidden: "The token's role may not do this (for a publish: the role is all that blocks it)",
  not_found: "No such prompt, revision or release in the token's workspace",
  method_not_allowed: 'This path takes another method',
  conflict:
    'The draft moved since `baseRevision` (`head` names the head now), the publish gate is closed (`details.reasons` lists every reason, as the Publish button does), or production already serves that release',
  payload_too_large: 'The request body is over 256 KB',
  invalid:
    'Well-formed but refused: a slug already used, a reviewer who is no member, content that cannot be staged; `fieldErrors` names the field',
  rate_limited: 'Too many requests for this token',
  unavailable: 'A transient failure on the server; retry shortly',
};

const ok = (status: string, description: string, component: string) => ({ [status]: jsonResponse(description, component, NO_STORE) });
const body = (component: string) => ({ required: true, content: { 'application/json': { schema: schemaRef(component) } } });
const slug = () => parameters('path', slugPathSchema);

function op(operationId: string, summary: string, rest: JsonObject, codes: ErrorCode[]) {
  const { responses, ...more } = rest as { responses: JsonObject };
  return { operationId, tags: TAGS, summary, security: SECURITY, ...more, responses: { ...responses, ...errors(...codes, ...TOKENED) } };
}

export function writePaths() {
  const base = '/api/v1/workspace';
  const prompt = `${base}/prompts/{slug}`;
  return {
    [base]: {
      get: op(
        'getWorkspace',
        "The token's workspace and the token's name and role",
        { responses: ok('200', 'The workspace', 'WorkspaceInfo') },
        [],
      ),
    },
    [`${base}/prompts`]: {
      get: op(
        'listWorkspacePrompts',
        'A page of prompts by slug, with the draft head and what production serves',
        { parameters: parameters('query', w.promptPageQuerySchema), responses: ok('200', 'A page of prompts', 'PromptPage') },
        ['bad_request'],
      ),
      post: op(
        'createPrompt',
        'Create a prompt (its first revision is `content`)',
        { requestBody: body('CreatePromptBody'), responses: ok('201', 'The prompt', 'PromptDetail') },
        ['bad_request', 'forbidden', 'payload_too_large', 'invalid'],
      ),
    },
    [prompt]: {
      get: op(
        'getWorkspacePrompt',
        'A prompt with the content of its draft head, production and staging',
        { parameters: slug(), responses: ok('200', 'The prompt', 'PromptDetail') },
        ['bad_request', 'not_found'],
      ),
      patch: op(
        'updatePrompt',
        "Change a prompt's name, description or tags",
        { parameters: slug(), requestBody: body('UpdatePromptBody'), responses: ok('200', 'The prompt', 'PromptDetail') },
        ['bad_request', 'forbidden', 'not_found', 'payload_too_large'],
      ),
    },
    [`${prompt}/revisions`]: {
      get: op(
        'listRevisions',
        'A page of revisions, newest first (no content)',
        {
          parameters: [...slug(), ...parameters('query', w.revisionPageQuerySchema)],
          responses: ok('200', 'A page of revisions', 'RevisionPage'),
        },
        ['bad_request', 'not_found'],
      ),
      post: op(
        'saveRevision',
        'Save a draft revision on `baseRevision`, as the editor does',
        {
          description: 'Content equal to the head writes nothing: 200 with `created: false`. A head other than `baseRevision` is a 409.',
          parameters: slug(),
          requestBody: body('SaveRevisionBody'),
          responses: { ...ok('201', 'The new head', 'SavedRevision'), ...ok('200', 'Unchanged: the head', 'SavedRevision') },
        },
        ['bad_request', 'forbidden', 'not_found', 'conflict', 'payload_too_large'],
      ),
    },
    [`${prompt}/revisions/{number}`]: {
      get: op(
        'getRevision',
        'One revision with its content',
        { parameters: parameters('path', w.revisionPathSchema), responses: ok('200', 'The revision', 'RevisionDetail') },
        ['bad_request', 'not_found'],
      ),
    },
    [`${prompt}/reviews`]: {
      post: op(
        'requestReview',
        'Request a review of a revision',
        { parameters: slug(), requestBody: body('RequestReviewBody'), responses: ok('201', 'The review', 'ReviewCreated') },
        ['bad_request', 'forbidden', 'not_found', 'payload_too_large', 'invalid'],
      ),
    },
    [`${prompt}/releases`]: {
      post: op(
        'publishRevision',
        'Publish a revision with a note, through the same gate as the Publish button',
        { parameters: slug(), requestBody: body('PublishBody'), responses: ok('201', 'The release', 'ReleaseCreated') },
        ['bad_request', 'forbidden', 'not_found', 'conflict', 'payload_too_large', 'invalid'],
      ),
    },
    [`${prompt}/rollback`]: {
      post: op(
        'rollbackProduction',
        'Point production at another release',
        { parameters: slug(), requestBody: body('RollbackBody'), responses: ok('200', 'What production serves now', 'RollbackResult') },
        ['bad_request', 'forbidden', 'not_found', 'conflict', 'payload_too_large'],
      ),
    },
    [`${prompt}/staging`]: {
      put: op(
        'stageRevision',
        'Pin a revision to staging',
        { parameters: slug(), requestBody: body('StageBody'), responses: ok('200', 'What staging serves now', 'StagingResult') },
        ['bad_request', 'forbidden', 'not_found', 'payload_too_large', 'invalid'],
      ),
    },
    [`${base}/audit`]: {
      get: op(
        'listAuditEvents',
        "The workspace's audit log, newest first",
        { parameters: parameters('query', w.auditQuerySchema), responses: ok('200', 'A page of events', 'AuditPage') },
        ['bad_request'],
      ),
    },
  };
}

/** components.responses of the write API: WriteBadRequest, WriteConflict, … */
export const writeErrorResponseComponents = (): Record<string, JsonObject> =>
  Object.fromEntries(
    w.WRITE_ERROR_CODES.map((code) => [
      `${PREFIX}${pascal(code)}`,
      errorResponse(code, DESCRIPTIONS[code], errorHeaders(code), w.writeErrorBodySchema(code)),
    ]),
  );

/** The write API's named schemas: responses as written, request bodies as read (their own registry). */
export function writeComponentSchemas(): Record<string, JsonObject> {
  return {
    ...componentSchemas(
      {
        CreatePromptBody: w.createPromptBodySchema,
        UpdatePromptBody: w.updatePromptBodySchema,
        SaveRevisionBody: w.saveRevisionBodySchema,
        RequestReviewBody: w.requestReviewBodySchema,
        PublishBody: w.publishBodySchema,
        RollbackBody: w.rollbackBodySchema,
        StageBody: w.stageBodySchema,
        ContentInput: contentSchema,
        JsonValueInput: jsonValueSchema,
      },
      'input',
    ),
  };
}

/** Response components, to merge with the read API's (they share Content and JsonValue). */
export const WRITE_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  WorkspaceInfo: w.workspaceInfoSchema,
  PromptPage: w.promptPageSchema,
  PromptDetail: w.promptDetailSchema,
  RevisionPage: w.revisionPageSchema,
  RevisionDetail: w.revisionDetailSchema,
  SavedRevision: w.savedRevisionSchema,
  ReviewCreated: w.reviewCreatedSchema,
  ReleaseCreated: w.releaseCreatedSchema,
  RollbackResult: w.rollbackResultSchema,
  StagingResult: w.stagingResultSchema,
  AuditPage: w.auditPageSchema,
};
