import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Content } from './content';
import { canonicalJson } from './canonical';
import { contentHash, hashCanonical } from './hash';

const content: Content = {
  blocks: [{ id: 'b1', kind: 'system', title: 'System', body: 'Be brief, {{ name }}.', enabled: true }],
  variables: [{ name: 'name', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.7, params: {} },
};

describe('contentHash', () => {
  it('is the sha256 of the canonical form', () => {
    const canonical =
      '{"blocks":[{"body":"Be brief, {{ name }}.","enabled":true,"id":"b1","kind":"system","title":"System"}],' +
      '"model":{"model":"gpt-4o-mini","params":{},"provider":"openai","temperature":0.7},' +
      '"variables":[{"name":"name","required":true,"type":"string"}]}';
    expect(contentHash(content)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('equals hashCanonical of the canonical text', () => {
    expect(hashCanonical(canonicalJson(content))).toBe(contentHash(content));
  });

  it('is 64 lowercase hex characters', () => {
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = JSON.parse(
      '{"model":{"params":{},"temperature":0.7,"model":"gpt-4o-mini","provider":"openai"},' +
        '"variables":[{"type":"string","required":true,"name":"name"}],' +
        '"blocks":[{"enabled":true,"title":"System","kind":"system","id":"b1","body":"Be brief, {{ name }}."}]}',
    ) as Content;
    expect(contentHash(reordered)).toBe(contentHash(content));
  });

  it('changes when any text changes, including whitespace in a body', () => {
    const edited = structuredClone(content);
    edited.blocks[0].body += ' ';
    expect(contentHash(edited)).not.toBe(contentHash(content));
  });

  it('treats an explicitly undefined optional field like an absent one', () => {
    const withUndefined = structuredClone(content);
    withUndefined.variables[0].description = undefined;
    expect(contentHash(withUndefined)).toBe(contentHash(content));
  });

  it('hashes unicode by its UTF-8 bytes', () => {
    const a = structuredClone(content);
    a.blocks[0].body = 'café';
    const b = structuredClone(content);
    b.blocks[0].body = 'cafe\u0301'; // same look, different code points
    expect(contentHash(a)).not.toBe(contentHash(b));
  });
});
