// The pieces of an OpenAPI 3.1 document, made from zod schemas with zod's own JSON Schema
// output (z.toJSONSchema, draft 2020-12, which OpenAPI 3.1 uses as it is). Requests are
// described as the server reads them (io: 'input': a default makes a field optional), responses
// as it writes them (io: 'output').
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { errorBodySchema } from '@/lib/schemas/read-api';

export type JsonObject = Record<string, unknown>;

const SCHEMAS = '#/components/schemas/';
const JSON_TYPE = 'application/json';
// A zod type with no JSON Schema form (z.custom) becomes {}: any value.
const common = { target: 'draft-2020-12', unrepresentable: 'any' } as const;

/** Drops JSON Schema's document keys ($schema, $id): inside OpenAPI they would only mislead. */
function strip(schema: JsonObject): JsonObject {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

export const inputSchema = (schema: z.ZodType): JsonObject => strip(z.toJSONSchema(schema, { ...common, io: 'input' }));
export const outputSchema = (schema: z.ZodType): JsonObject => strip(z.toJSONSchema(schema, { ...common, io: 'output' }));

/** components.schemas: named response schemas, which refer to one another by $ref. */
export function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output' = 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...common, io, uri: (id) => `${SCHEMAS}${id}` });
  // zod puts a recursive schema without a name under "__shared", which OpenAPI cannot refer to.
  if ('__shared' in schemas) throw new Error('A recursive schema needs a name among the components');
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, strip(schema)]));
}

export const schemaRef = (name: string) => ({ $ref: `${SCHEMAS}${name}` });
export const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** OpenAPI parameters, one per key of a zod object; the field's description moves up to the parameter. */
export function parameters(where: 'path' | 'query' | 'header', object: z.ZodObject): JsonObject[] {
  return Object.entries(object.shape).map(([name, field]) => {
    const { description, ...schema } = inputSchema(field as z.ZodType);
    const required = where === 'path' || !(field as z.ZodType).safeParse(undefined).success;
    return { name, in: where, required, ...(description !== undefined && { description }), schema };
  });
}

export interface HeaderSpec {
  description: string;
  schema: z.ZodType;
  /** Sent on every such response (the contract test checks it is). */
  required?: boolean;
}

export function headers(spec: Record<string, HeaderSpec>): JsonObject {
  return Object.fromEntries(
    Object.entries(spec).map(([name, h]) => [
      name,
      { description: h.description, required: h.required ?? false, schema: outputSchema(h.schema) },
    ]),
  );
}

/** A JSON response whose body is a named component schema. */
export function jsonResponse(description: string, component: string, headerSpec?: Record<string, HeaderSpec>): JsonObject {
  return { description, ...(headerSpec && { headers: headers(headerSpec) }), content: { [JSON_TYPE]: { schema: schemaRef(component) } } };
}

export const cacheControl = (...values: [string, ...string[]]): HeaderSpec => ({
  description: 'How long the answer may be reused',
  schema: z.enum(values),
  required: true,
});

const wholeNumberHeader = z.string().regex(/^[1-9][0-9]*$/);

/** Which snapshot was served: on every answer that carries a prompt (lib/api/handler.ts serialize). */
export const servedSnapshotHeaders: Record<string, HeaderSpec> = {
  'X-Galley-Version': { description: 'The release served, when it is a release', schema: wholeNumberHeader },
  'X-Galley-Revision': { description: 'The revision served, when it is a revision', schema: wholeNumberHeader },
  'X-Galley-Canary': { description: 'Present when the canary release was served', schema: z.literal('true') },
};

/** The headers of a served prompt and of its 304: the ETag to revalidate with, caching, the snapshot. */
const servedHeaders = (etag: RegExp, ...caching: [string, ...string[]]): Record<string, HeaderSpec> => ({
  ETag: { description: 'The content hash; send it back as If-None-Match', schema: z.string().regex(etag), required: true },
  'Cache-Control': cacheControl(...caching),
  ...servedSnapshotHeaders,
});

const SERVED_CACHING = ['private, no-cache', 'private, max-age=31536000, immutable'] as const;

/** 200 and 304 of a served prompt, whose body is `component` and whose ETag matches `etag`. */
export const servedResponses = (component: string, etag: RegExp): Record<string, JsonObject> => ({
  '200': jsonResponse('The prompt', component, servedHeaders(etag, ...SERVED_CACHING)),
  '304': { description: 'Not modified: If-None-Match matched the ETag', headers: headers(servedHeaders(etag, ...SERVED_CACHING)) },
});

export const retryAfter: HeaderSpec = {
  description: 'Seconds to wait before retrying',
  schema: wholeNumberHeader,
  required: true,
};
export const allow = (description: string): HeaderSpec => ({ description, schema: z.string(), required: true });

// What each error code means on the read API, and the headers that come with it.
const ERRORS: Record<ErrorCode, { description: string; headers?: Record<string, HeaderSpec> }> = {
  bad_request: { description: 'A parameter or the body breaks its schema; the message names the field' },
  unauthenticated: {
    description: 'No API key, or a malformed, unknown or revoked one',
    headers: { 'WWW-Authenticate': { description: 'The scheme to use', schema: z.string(), required: true } },
  },
  forbidden: { description: "The key's environment may not read this" },
  not_found: { description: "No such prompt, release, revision or label in the key's workspace" },
  method_not_allowed: { description: 'This path takes another method', headers: { Allow: allow('The method this path takes') } },
  conflict: { description: 'The served content is not valid; publish a valid revision' },
  payload_too_large: { description: 'The request body is over 256 KB' },
  invalid: { description: 'The variables do not match their definitions; `details.errors` names each' },
  rate_limited: { description: 'Too many requests for this API key', headers: { 'Retry-After': retryAfter } },
  unavailable: { description: 'A transient failure on the server; retry shortly', headers: { 'Retry-After': retryAfter } },
};

const pascal = (code: string) => code.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** An error response: `{ error: { code, message } }` with this code, as lib/api/http.ts sends it. */
export function errorResponse(
  code: ErrorCode,
  description = ERRORS[code].description,
  headerSpec = ERRORS[code].headers,
  body: z.ZodType = errorBodySchema(code),
): JsonObject {
  return {
    description,
    headers: headers({ 'Cache-Control': cacheControl('no-store'), ...headerSpec }),
    content: { [JSON_TYPE]: { schema: outputSchema(body) } },
  };
}

/** The headers an error of `code` carries (Allow, Retry-After, WWW-Authenticate), for other families of error responses. */
export const errorHeaders = (code: ErrorCode) => ERRORS[code].headers;

/** components.responses: one per error code, named like the code (not_found → NotFound). */
export const errorResponseComponents = (): Record<string, JsonObject> =>
  Object.fromEntries((Object.keys(ERRORS) as ErrorCode[]).map((code) => [pascal(code), errorResponse(code)]));

/** `{ "404": { $ref: NotFound }, … }` for the codes an operation can answer. */
export const errors = (...codes: ErrorCode[]): Record<string, JsonObject> =>
  Object.fromEntries(codes.map((code) => [String(ERROR_STATUS[code]), responseRef(pascal(code))]));

/** The same for a family of error responses named `<prefix><Code>` (the write API's). */
export const prefixedErrors =
  (prefix: string) =>
  (...codes: ErrorCode[]): Record<string, JsonObject> =>
    Object.fromEntries(codes.map((code) => [String(ERROR_STATUS[code]), responseRef(`${prefix}${pascal(code)}`)]));

export { pascal };
