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
  expected: { messages: unknown; text: string } | { error: unknown };
}

const file = new URL('../../../tests/vectors/render.json', import.meta.url);
const vectors: Vector[] = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];

describe.skipIf(vectors.length === 0)('render vectors (tests/vectors/render.json)', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const result = renderContent(vector.content, vector.variables);
    if ('error' in vector.expected) {
      expect(result.ok, 'expected a render error').toBe(false);
      const { error } = vector.expected;
      if (typeof error === 'string' && !result.ok && error.includes(' '))
        expect(result.errors.map((e) => e.message).join('; ')).toContain(error);
    } else {
      expect(result).toEqual({ ok: true, messages: vector.expected.messages, text: vector.expected.text });
    }
  });
});

it.runIf(vectors.length === 0)('render vectors are skipped: tests/vectors/render.json does not exist yet', (ctx) => {
  ctx.skip('tests/vectors/render.json is absent; add the shared vectors to run them through the SDK');
});
