// Shared rendering vectors (tests/vectors/render.json), the same cases the server's renderer
// runs: the SDK's local render must agree with them exactly.
// eslint-disable-next-line no-restricted-imports -- tests run in Node; only src/ ships
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderContent, type PromptContent } from '../src/index.js';

interface Vector {
  name: string;
  content: PromptContent;
  variables: Record<string, unknown>;
  placeholders?: Record<string, unknown>;
  expected: { messages: unknown; text: string } | { error: { names: string[]; errors: { message: string }[] } };
}

const file = new URL('../../../tests/vectors/render.json', import.meta.url);
const vectors: Vector[] = JSON.parse(fs.readFileSync(file, 'utf8'));

describe('render vectors (tests/vectors/render.json)', () => {
  it('has the shared cases', () => expect(vectors.length).toBeGreaterThan(20));

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const result = renderContent(vector.content, vector.variables, vector.placeholders ?? {});
    if ('error' in vector.expected) {
      expect(result).toEqual({ ok: false, errors: vector.expected.error.errors });
    } else {
      expect(result).toEqual({ ok: true, messages: vector.expected.messages, text: vector.expected.text });
    }
  });
});
