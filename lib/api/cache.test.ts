// Regression: a read that started before a publish stored its (old) result after the
// publish's invalidation had passed, so production kept the old release until the next change.
import { describe, expect, it } from 'vitest';
import { emitInvalidation } from '@/lib/data/invalidation';
import { apiCache, loadFresh } from './cache';

describe('loadFresh', () => {
  it('stores a value loaded with no invalidation in between', async () => {
    const stored: string[] = [];
    expect(
      await loadFresh(
        async () => 'v1',
        (v) => stored.push(v),
      ),
    ).toBe('v1');
    expect(stored).toEqual(['v1']);
  });

  it('answers with, but does not store, a value loaded while an invalidation happened', async () => {
    const stored: string[] = [];
    const value = await loadFresh(
      async () => {
        emitInvalidation({ type: 'prompt', workspaceId: 'w', slug: 's' }); // a publish lands mid-read
        return 'v1';
      },
      (v) => stored.push(v),
    );
    expect(value).toBe('v1');
    expect(stored).toEqual([]);
  });

  it('drops cached entries of the invalidated prompt only', async () => {
    const cache = apiCache();
    const entry = { current: null, canary: null };
    cache.prompts.set('w|production|a', entry);
    cache.prompts.set('w|production|b', entry);
    emitInvalidation({ type: 'prompt', workspaceId: 'w', slug: 'a' });
    expect([...cache.prompts.keys()]).toEqual(['w|production|b']);
  });
});
