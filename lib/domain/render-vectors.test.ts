// The shared rendering vectors (tests/vectors/render.json) that every client's local renderer
// is checked against, run through the server's own renderer so the two cannot drift apart.
import { describe, expect, it } from 'vitest';
import { parseContent } from './content';
import { renderContent } from './template';
import vectorsJson from '../../tests/vectors/render.json';

interface Vector {
  name: string;
  content: unknown;
  variables: Record<string, unknown>;
  placeholders?: Record<string, unknown>;
  expected: { messages: unknown[]; text: string } | { error: { names: string[]; errors: { variable: string; message: string }[] } };
}

const vectors = vectorsJson as unknown as Vector[];

describe('render vectors', () => {
  it('has vectors with unique names', () => {
    expect(vectors.length).toBeGreaterThan(20);
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const parsed = parseContent(vector.content);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const result = renderContent(parsed.content, vector.variables, vector.placeholders ?? {});
    if ('error' in vector.expected) {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors.map((e) => ('variable' in e ? e.variable : e.placeholder))).toEqual(vector.expected.error.names);
      expect(result.errors).toEqual(vector.expected.error.errors);
    } else {
      expect(result).toEqual({ ok: true, ...vector.expected });
    }
  });
});
