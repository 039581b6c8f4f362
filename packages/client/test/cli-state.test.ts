// The CLI's pure decisions: where a prompt stands (status, and what push and pull may do), the
// lock file's shape (one line per prompt, stable), and when output is coloured.
/* eslint-disable no-restricted-imports -- tests run in Node; the lock file lives on disk */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/* eslint-enable no-restricted-imports */
import { describe, expect, it } from 'vitest';
import { readLock, writeLock, LOCK_FILE } from '../src/cli/lock.js';
import { wantsColour } from '../src/cli/output.js';
import { isOwnRevision } from '../src/cli/remote.js';
import { classify } from '../src/cli/state.js';

const remote = (number: number, contentHash: string) => ({
  slug: 's',
  name: 'n',
  description: '',
  tags: [],
  head: { number, contentHash, authorName: 'Ada', createdAt: '2026-12-02T00:00:00.000Z' },
  production: null,
});

describe('classify', () => {
  const lock = { revision: 3, contentHash: 'A', metaHash: 'M' };
  it.each([
    ['unchanged', { contentHash: 'A', metaHash: 'M' }, lock, remote(3, 'A'), 'M'],
    ['modified', { contentHash: 'B', metaHash: 'M' }, lock, remote(3, 'A'), 'M'],
    ['modified (metadata)', { contentHash: 'A', metaHash: 'N' }, lock, remote(3, 'A'), 'M'],
    ['behind', { contentHash: 'A', metaHash: 'M' }, lock, remote(4, 'C'), 'M'],
    ['behind (metadata changed on the server)', { contentHash: 'A', metaHash: 'M' }, lock, remote(3, 'A'), 'X'],
    ['conflict', { contentHash: 'B', metaHash: 'M' }, lock, remote(4, 'C'), 'M'],
    ['unchanged (both sides made the same edit)', { contentHash: 'C', metaHash: 'M' }, lock, remote(4, 'C'), 'M'],
    ['new', { contentHash: 'A', metaHash: 'M' }, undefined, undefined, undefined],
    ['conflict (never pulled, differs)', { contentHash: 'B', metaHash: 'M' }, undefined, remote(1, 'A'), 'M'],
    ['remote', undefined, undefined, remote(1, 'A'), 'M'],
    ['deleted', undefined, lock, remote(3, 'A'), 'M'],
  ] as const)('%s', (name, local, entry, server, metaHash) => {
    expect(classify(local, entry, server, metaHash)).toBe(name.split(' ')[0]);
  });
});

describe('lock file', () => {
  it('writes one sorted line per prompt and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-lock-'));
    try {
      const lock = new Map([
        ['zeta', { revision: 2, contentHash: 'b'.repeat(64), metaHash: 'c'.repeat(64) }],
        ['alpha', { revision: 10, contentHash: 'd'.repeat(64), metaHash: 'e'.repeat(64) }],
      ]);
      writeLock(dir, lock);
      const text = fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8');
      const lines = text.split('\n');
      expect(lines[3]).toMatch(/^ {4}"alpha": \{"revision": 10, "contentHash": "d{64}", "metaHash": "e{64}"\},$/);
      expect(lines[4]).toMatch(/^ {4}"zeta": \{"revision": 2,/);
      expect(readLock(dir)).toEqual(lock);
      fs.writeFileSync(path.join(dir, LOCK_FILE), text.replace('"revision": 2', '"revision": "two"'));
      expect(() => readLock(dir)).toThrow(/not a Galley lock file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('colour', () => {
  it('only on a terminal, never with NO_COLOR, always with FORCE_COLOR', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(true, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(false, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });
});

describe('isOwnRevision', () => {
  const me = { name: 'ci-bot', authorId: 'u-token' };
  it('goes by author id when the server gives one, whatever the names say', () => {
    expect(isOwnRevision({ authorId: 'u-token', authorName: 'renamed (service token)' }, me)).toBe(true);
    // Another token of the same name is someone else.
    expect(isOwnRevision({ authorId: 'u-other', authorName: 'ci-bot (service token)' }, me)).toBe(false);
  });
  it('falls back to the name an older server gives a token', () => {
    expect(isOwnRevision({ authorName: 'ci-bot (service token)' }, me)).toBe(true);
    expect(isOwnRevision({ authorName: 'Ada' }, me)).toBe(false);
    expect(isOwnRevision({ authorId: 'u-token', authorName: 'ci-bot (service token)' }, { name: 'ci-bot' })).toBe(true);
  });
});
