// The warm path (handleCachedRequest) checks query numbers with wholeNumberParam instead of
// zod, to stay free of allocation; it must accept exactly what the schema (and so the
// OpenAPI document) accepts, or a cached answer and an uncached one would disagree.
import { describe, expect, it } from 'vitest';
import { issueMessage } from '@/lib/api/request';
import { MAX_WHOLE_NUMBER, promptQuerySchema, renderBodySchema, wholeNumberParam, wholeNumberQuery } from './read-api';

const RAW = [
  '1',
  '7',
  '42',
  '2147483647',
  '2147483648',
  '9999999999',
  '99999999999',
  '0',
  '-1',
  '+1',
  '01',
  '1.0',
  '1e3',
  '0x1',
  ' 1',
  '1 ',
  '',
  'abc',
  '１',
  '1\u0000',
];

describe('read API schemas', () => {
  it('wholeNumberParam agrees with wholeNumberQuery on every spelling', () => {
    for (const max of [MAX_WHOLE_NUMBER, 100]) {
      for (const raw of RAW) {
        const parsed = wholeNumberQuery(max).safeParse(raw);
        expect({ raw, max, value: wholeNumberParam(raw, max) }).toEqual({ raw, max, value: parsed.success ? parsed.data : null });
      }
    }
    expect(wholeNumberParam('2147483647')).toBe(2_147_483_647);
  });

  it('names the field in every issue, and refuses version with revision', () => {
    const bad = promptQuerySchema.safeParse({ version: '1e3' });
    expect(issueMessage(bad.error!.issues[0]!)).toBe('"version" must be a whole number from 1 to 2147483647');
    const both = promptQuerySchema.safeParse({ version: '1', revision: '2' });
    expect(issueMessage(both.error!.issues[0]!)).toBe('Ask for a version or a revision, not both');
    expect(issueMessage(renderBodySchema.safeParse({ variables: [] }).error!.issues[0]!)).toBe('"variables" must be a JSON object');
    expect(issueMessage(renderBodySchema.safeParse({ version: '1' }).error!.issues[0]!)).toMatch(/^"version" must be a whole number/);
    expect(issueMessage(renderBodySchema.safeParse([]).error!.issues[0]!)).toBe('The request body must be a JSON object');
  });
});
