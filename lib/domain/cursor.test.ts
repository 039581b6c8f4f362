import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursor', () => {
  it('round-trips a time and an id', () => {
    const at = new Date('2026-11-30T12:34:56.789Z');
    expect(decodeCursor(encodeCursor(at, 'ck123'))).toEqual({ at, id: 'ck123' });
  });

  it.each([
    undefined,
    '',
    '!!!',
    'x'.repeat(201),
    Buffer.from('not-a-date|id').toString('base64url'),
    Buffer.from('2026-01-01T00:00:00Z|').toString('base64url'),
    Buffer.from('+275760-09-13T00:00:00Z|id').toString('base64url'),
  ])('treats %j as the first page', (cursor) => expect(decodeCursor(cursor)).toBeNull());
});
