// Regression: the document was looser than the server in six places (cursor without a
// pattern, version without a maximum, version+revision not documented as exclusive, the
// render slug without a pattern, an optional render body marked required, and 405/409/503
// undocumented). Each is checked against the rule the handler enforces.
import { describe, expect, it } from 'vitest';
import { SLUG_RE } from '@/lib/domain/slug';
import { openApiDocument } from './openapi';

type Param = { name: string; schema: { pattern?: string; maximum?: number }; description?: string };
const doc = openApiDocument() as unknown as {
  paths: Record<string, Record<string, { parameters: Param[]; responses: Record<string, unknown>; requestBody?: { required: boolean } }>>;
};
const list = doc.paths['/api/v1/prompts']!.get!;
const get = doc.paths['/api/v1/prompts/{slug}']!.get!;
const render = doc.paths['/api/v1/prompts/{slug}/render']!.post!;
const param = (op: { parameters: Param[] }, name: string) => op.parameters.find((p) => p.name === name)!;

describe('OpenAPI document strictness', () => {
  it('gives the list cursor and every slug the slug pattern the handler checks', () => {
    expect(param(list, 'cursor').schema.pattern).toBe(SLUG_RE.source);
    expect(param(get, 'slug').schema.pattern).toBe(SLUG_RE.source);
    expect(param(render, 'slug').schema.pattern).toBe(SLUG_RE.source);
  });

  it('bounds version and revision as the handler does, and says they are exclusive', () => {
    for (const name of ['version', 'revision']) {
      expect(param(get, name).schema.maximum).toBe(2_147_483_647);
      expect(param(get, name).description).toMatch(/Exclusive/);
    }
  });

  it('marks the render body optional (an empty body renders with no variables)', () => {
    expect(render.requestBody?.required).toBe(false);
  });

  it('documents 405, 429 and 503 on every operation and 409 on render', () => {
    for (const op of [list, get, render]) expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '405', '429', '503']));
    expect(Object.keys(render.responses)).toContain('409');
  });
});
