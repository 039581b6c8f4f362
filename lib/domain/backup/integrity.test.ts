import { describe, expect, it } from 'vitest';
import type { Content } from '../content';
import { contentHash } from '../hash';
import { checkRowCount, hashMismatch, mismatchError } from './integrity';

const content: Content = {
  blocks: [{ id: 'b1', kind: 'system', title: 'System', body: 'Be kind, {{name}}. Temperature 0.7 ✓', enabled: true }],
  variables: [{ name: 'name', type: 'string', required: true }],
  model: { provider: 'openai', model: 'gpt-4o', temperature: 0.7 },
} as Content;

describe('content hash check', () => {
  it('passes a row whose content hashes to its contentHash, whatever the key order the database returned', () => {
    const fromDatabase = JSON.parse(JSON.stringify({ id: 'r1', contentHash: contentHash(content), content })) as Record<string, unknown>;
    (fromDatabase.content as Record<string, unknown>).model = { temperature: 0.7, model: 'gpt-4o', provider: 'openai' };
    expect(hashMismatch('Revision', fromDatabase)).toBeNull();
  });

  it('names the table, the row, the recorded and the recomputed hash of a tampered row', () => {
    const tampered = { ...content, blocks: [{ ...content.blocks[0]!, body: 'Be rude.' }] };
    const m = hashMismatch('Release', { id: 'rel_9', contentHash: contentHash(content), content: tampered });
    expect(m).toEqual({ table: 'Release', id: 'rel_9', expected: contentHash(content), actual: contentHash(tampered) });
    expect(mismatchError(m!).message).toBe(
      `Integrity check failed: Release rel_9 records contentHash ${contentHash(content)}, but its content hashes to ${contentHash(tampered)}. The backup file was changed or damaged; nothing was restored.`,
    );
  });

  it('refuses a table with fewer rows than announced', () => {
    expect(() => checkRowCount('Revision', 3, 3)).not.toThrow();
    expect(() => checkRowCount('Revision', 3, 2)).toThrow('table "Revision" announces 3 rows, but 2 follow');
  });
});
