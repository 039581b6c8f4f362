// Regression: the hand-written document was looser than the server in six places (cursor
// without a pattern, version without a maximum, version+revision not documented as exclusive,
// the render slug without a pattern, an optional render body marked required, and 405/409/503
// undocumented). It is generated from the handlers' schemas now; each rule is still checked
// against what the handler enforces, so a schema that loosens fails here.
import { describe, expect, it } from 'vitest';
import { SLUG_RE } from '@/lib/domain/slug';
import { LANGFUSE_LABELS } from '@/lib/schemas/langfuse-api';
import { MAX_WHOLE_NUMBER } from '@/lib/schemas/read-api';
import { openApiDocument } from './openapi';

type Param = {
  name: string;
  in: string;
  required: boolean;
  schema: { pattern?: string; maximum?: number; enum?: string[] };
  description?: string;
};
type Operation = { parameters?: Param[]; responses: Record<string, unknown>; requestBody?: { required: boolean }; security?: unknown[] };
const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
const op = (path: string, method: string) => doc.paths[path]![method]!;
const list = op('/api/v1/prompts', 'get');
const get = op('/api/v1/prompts/{slug}', 'get');
const render = op('/api/v1/prompts/{slug}/render', 'post');
const lfGet = op('/api/public/v2/prompts/{name}', 'get');
const lfList = op('/api/public/v2/prompts', 'get');
const param = (o: Operation, name: string) => o.parameters!.find((p) => p.name === name)!;
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, o]) => ({ path, method, o })),
);

describe('OpenAPI document strictness', () => {
  it('gives the list cursor and every slug the slug pattern the handler checks', () => {
    expect(param(list, 'cursor').schema.pattern).toBe(SLUG_RE.source);
    expect(param(get, 'slug').schema.pattern).toBe(SLUG_RE.source);
    expect(param(render, 'slug').schema.pattern).toBe(SLUG_RE.source);
    expect(param(lfGet, 'name').schema.pattern).toBe(SLUG_RE.source);
  });

  it('bounds version and revision as the handler does, and says they are exclusive', () => {
    for (const p of [param(get, 'version'), param(get, 'revision'), param(lfGet, 'version')]) {
      expect(p.schema.maximum).toBe(MAX_WHOLE_NUMBER);
      expect(p.description).toMatch(/Exclusive/);
    }
    expect(param(lfGet, 'label').description).toMatch(/Exclusive/);
    expect(param(lfList, 'limit').schema.maximum).toBe(100);
  });

  it('lists exactly the Langfuse labels the handler serves', () => {
    expect(param(lfGet, 'label').schema.enum).toEqual([...LANGFUSE_LABELS]);
    expect(param(lfList, 'label').schema.enum).toEqual([...LANGFUSE_LABELS]);
  });

  it('marks the render body optional (an empty body renders with no variables) and query parameters optional', () => {
    expect(render.requestBody?.required).toBe(false);
    for (const { o } of operations)
      for (const p of o.parameters ?? [])
        expect({ name: p.name, required: p.required }).toEqual({ name: p.name, required: p.in === 'path' });
  });

  it('documents 401, 405, 429 and 503 on every keyed /api/v1 operation and 409 on render', () => {
    for (const o of [list, get, render]) expect(Object.keys(o.responses)).toEqual(expect.arrayContaining(['401', '405', '429', '503']));
    expect(Object.keys(render.responses)).toContain('409');
    expect(Object.keys(lfGet.responses)).toEqual(expect.arrayContaining(['304', '400', '401', '403', '404', '409', '429', '503']));
  });

  it('gives every operation a 2xx but the refused Langfuse writes, which answer 403 and need no key', () => {
    for (const { path, method, o } of operations) {
      const statuses = Object.keys(o.responses);
      const refusedWrite = path.startsWith('/api/public/') && method !== 'get';
      if (!refusedWrite) {
        expect({ path, method, ok: statuses.some((s) => s.startsWith('2')) }).toEqual({ path, method, ok: true });
      } else {
        expect({ path, method, statuses, security: o.security }).toEqual({ path, method, statuses: ['403'], security: [] });
      }
    }
  });
});
