// Regression: the read API's prompt list paged over every prompt and filtered afterwards. In
// a workspace with many unpublished prompts before a published one, a production key got
// empty pages (`items: []` with a `nextCursor`) before the page holding its prompt, and each
// page looked every prompt up one by one. A page is now never empty while a later page has
// items, for every environment.
import { describe, expect, it } from 'vitest';
import { handleApiRequest } from '@/lib/api/handler';
import { createApiKey } from '@/lib/data/api-keys';
import { stageRevision } from '@/lib/data/deployments';
import { createPrompt, getPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { userContent } from '../factories';
import { newTenant } from './helpers';

type Page = { items: { slug: string; version: number | null; revision: number | null }[]; nextCursor: string | null };

async function allPages(key: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const res = await handleApiRequest({
      method: 'GET',
      url: `/api/v1/prompts${cursor ? `?cursor=${cursor}` : ''}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    const page = JSON.parse(res.body!.toString('utf8')) as Page;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('read API prompt list', () => {
  it('never answers an empty page before a page with items, in any environment', async () => {
    const ctx = await newTenant();
    // 230 drafts sort before the published prompt ("zz-…") and the staged one ("zy-…").
    for (let i = 0; i < 230; i++) {
      const slug = `draft-${String(i).padStart(3, '0')}`;
      await createPrompt(ctx, { name: slug, slug, description: '', tags: [] }, userContent(`draft ${i}`));
    }
    const { id: publishedId } = await createPrompt(
      ctx,
      { name: 'Published', slug: 'zz-published', description: '', tags: [] },
      userContent('v1'),
    );
    const published = (await getPrompt(ctx, 'zz-published')).headRevision!;
    await publishRevision(ctx, { promptId: publishedId, revisionId: published.id, note: 'v1', draftPolicy: 'retain' });
    const { id: stagedId } = await createPrompt(ctx, { name: 'Staged', slug: 'zy-staged', description: '', tags: [] }, userContent('rc'));
    await stageRevision(ctx, stagedId, (await getPrompt(ctx, 'zy-staged')).headRevision!.id);
    const key = async (environment: 'development' | 'staging' | 'production') =>
      (await createApiKey(ctx, { name: environment, environment })).key;

    const production = await allPages(await key('production'));
    expect(production).toHaveLength(1);
    expect(production[0]!.items.map((p) => [p.slug, p.version])).toEqual([['zz-published', 1]]);
    expect(production[0]!.nextCursor).toBeNull();

    const staging = await allPages(await key('staging'));
    expect(staging.flatMap((p) => p.items.map((i) => i.slug))).toEqual(['zy-staged', 'zz-published']);
    expect(staging).toHaveLength(1);

    const development = await allPages(await key('development'));
    const slugs = development.flatMap((p) => p.items.map((i) => i.slug));
    expect(slugs).toHaveLength(232);
    expect(new Set(slugs).size).toBe(232);
    expect(development.map((p) => p.items.length)).toEqual([100, 100, 32]);
  }, 120_000);
});
