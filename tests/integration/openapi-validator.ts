// Checks real requests and responses against the OpenAPI document the server serves, with a
// JSON Schema 2020-12 validator (ajv), so what is tested is the document itself:
//   responseProblems: the status is documented for the operation, the body matches its schema,
//     every required header is sent, and every header sent that the document knows is valid;
//   requestProblems: whether the document allows the request (path, query, body), to check
//     that a 400 is only ever the answer to a request the document does not allow.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ApiRequest, ApiResponse } from '@/lib/api/http';

type Json = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
}
interface Operation {
  parameters?: Param[];
  requestBody?: { required: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
// Response headers whose meaning the document states; any of them sent must be documented.
const MEANINGFUL = /^(etag|cache-control|retry-after|allow|www-authenticate|x-galley-.*)$/;

export function openApiValidator(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'galley');
  const compiled = new Map<string, ValidateFunction>();
  const validator = (ref: string) => {
    let v = compiled.get(ref);
    if (!v) compiled.set(ref, (v = ajv.compile({ $ref: `galley#/${ref}` })));
    return v;
  };
  const check = (ref: string, value: unknown, what: string): string[] => {
    const v = validator(ref);
    return v(value) ? [] : [`${what}: ${ajv.errorsText(v.errors, { dataVar: what })}`];
  };
  const paths = doc.paths as Record<string, Record<string, Operation>>;

  function operation(op: string): { method: string; template: string; o: Operation } {
    const [method, template] = op.split(' ') as [string, string];
    const o = paths[template]?.[method.toLowerCase()];
    if (!o) throw new Error(`The document has no operation ${op}`);
    return { method: method.toLowerCase(), template, o };
  }

  /** Everything wrong with a response to operation `op` ("GET /api/v1/prompts/{slug}"). */
  function responseProblems(op: string, res: ApiResponse): string[] {
    const { method, template, o } = operation(op);
    let at = pointer('paths', template, method, 'responses', String(res.status));
    let documented = o.responses[String(res.status)];
    if (!documented) return [`${op}: status ${res.status} is not documented`];
    if (typeof documented.$ref === 'string') {
      at = documented.$ref.slice(2);
      documented = (doc.components as { responses: Record<string, Json> }).responses[at.split('/').at(-1)!]!;
    }
    const problems: string[] = [];
    const headers = (documented.headers ?? {}) as Record<string, { required: boolean }>;
    const known = new Map(Object.keys(headers).map((name) => [name.toLowerCase(), name]));
    for (const [name, h] of Object.entries(headers))
      if (h.required && res.headers[name.toLowerCase()] === undefined) problems.push(`header ${name} is missing`);
    for (const [name, value] of Object.entries(res.headers)) {
      const documentedName = known.get(name);
      if (documentedName) problems.push(...check(`${at}/${pointer('headers', documentedName, 'schema')}`, value, `header ${name}`));
      else if (MEANINGFUL.test(name)) problems.push(`header ${name} is sent but not documented`);
    }
    const content = documented.content as Record<string, unknown> | undefined;
    if (!content) return res.body?.length ? [...problems, 'a body where the document has none'] : problems;
    if (!res.headers['content-type']?.startsWith('application/json')) return [...problems, `content-type ${res.headers['content-type']}`];
    return [
      ...problems,
      ...check(`${at}/${pointer('content', 'application/json', 'schema')}`, JSON.parse(res.body!.toString('utf8')), 'body'),
    ];
  }

  /** Why the document does not allow `req` for operation `op`; empty when it does. */
  function requestProblems(op: string, req: ApiRequest): string[] {
    const { method, template, o } = operation(op);
    const at = pointer('paths', template, method);
    const url = new URL(req.url, 'http://galley.test');
    const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const match = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]*)')}$`).exec(url.pathname);
    if (!match) return [`the path ${url.pathname} is not ${template}`];
    const problems: string[] = [];
    (o.parameters ?? []).forEach((p, i) => {
      let raw: string | null | undefined;
      if (p.in === 'path') {
        try {
          raw = decodeURIComponent(match[names.indexOf(p.name) + 1]!);
        } catch {
          return problems.push(`${p.name} is not URL encoding`);
        }
      } else raw = p.in === 'query' ? url.searchParams.get(p.name) : req.headers[p.name.toLowerCase()];
      if (raw === null || raw === undefined) return p.required && problems.push(`${p.name} is missing`);
      // An integer parameter is written as String(n): only that spelling is the number.
      const value = p.schema.type === 'integer' && String(Number(raw)) === raw ? Number(raw) : raw;
      problems.push(...check(`${at}/${pointer('parameters', String(i), 'schema')}`, value, p.name));
    });
    if (o.requestBody && req.body?.length) {
      let body: unknown;
      try {
        body = JSON.parse(req.body.toString('utf8'));
      } catch {
        return [...problems, 'the body is not JSON'];
      }
      problems.push(...check(`${at}/${pointer('requestBody', 'content', 'application/json', 'schema')}`, body, 'body'));
    } else if (o.requestBody?.required) problems.push('the body is missing');
    return problems;
  }

  /** Every "METHOD /path STATUS" the document promises. */
  function documentedStatuses(): string[] {
    return Object.entries(paths).flatMap(([template, methods]) =>
      Object.entries(methods).flatMap(([method, o]) => Object.keys(o.responses).map((s) => `${method.toUpperCase()} ${template} ${s}`)),
    );
  }

  return { responseProblems, requestProblems, documentedStatuses };
}
