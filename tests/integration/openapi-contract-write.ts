// The write API's part of the OpenAPI contract (openapi-contract.test.ts): a real answer of
// every documented status of every /api/v1/workspace operation, sent by a service token.
import type { ApiRequest, ApiResponse } from '@/lib/api/http';
import { createApiKey } from '@/lib/data/api-keys';
import { createPrompt } from '@/lib/data/prompts';
import { saveDraft } from '@/lib/data/revisions';
import type { Content } from '@/lib/domain/content';
import { systemContent } from '../factories';
import { headRevisionId, newTenant } from './helpers';
import { tokenFor } from './write-api-client';

type ExpectAnswer = (op: string, req: ApiRequest, status: number, opts?: { exclusive?: boolean }) => Promise<ApiResponse>;

const W = '/api/v1/workspace';
const P = `${W}/prompts/{slug}`;
export const WRITE_OPS = {
  workspace: `GET ${W}`,
  list: `GET ${W}/prompts`,
  create: `POST ${W}/prompts`,
  get: `GET ${P}`,
  update: `PATCH ${P}`,
  revisions: `GET ${P}/revisions`,
  save: `POST ${P}/revisions`,
  revision: `GET ${P}/revisions/{number}`,
  review: `POST ${P}/reviews`,
  publish: `POST ${P}/releases`,
  rollback: `POST ${P}/rollback`,
  stage: `PUT ${P}/staging`,
  audit: `GET ${W}/audit`,
} as const;

const req = (method: string, url: string, token: string | null, body?: unknown): ApiRequest => ({
  method,
  url,
  headers: { ...(token && { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
  body: body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
});

/** One request per write operation, for the rate-limit and outage checks. */
export function writeRequests(token: string): Record<string, ApiRequest> {
  const g = `${W}/prompts/greeter`;
  return {
    [WRITE_OPS.workspace]: req('GET', W, token),
    [WRITE_OPS.list]: req('GET', `${W}/prompts`, token),
    [WRITE_OPS.create]: req('POST', `${W}/prompts`, token, { slug: 'limited', name: 'Limited' }),
    [WRITE_OPS.get]: req('GET', g, token),
    [WRITE_OPS.update]: req('PATCH', g, token, { description: 'limited' }),
    [WRITE_OPS.revisions]: req('GET', `${g}/revisions`, token),
    [WRITE_OPS.save]: req('POST', `${g}/revisions`, token, { baseRevision: 1, content: systemContent('limited') }),
    [WRITE_OPS.revision]: req('GET', `${g}/revisions/1`, token),
    [WRITE_OPS.review]: req('POST', `${g}/reviews`, token, { revision: 1 }),
    [WRITE_OPS.publish]: req('POST', `${g}/releases`, token, { revision: 1, note: 'limited' }),
    [WRITE_OPS.rollback]: req('POST', `${g}/rollback`, token, { version: 1 }),
    [WRITE_OPS.stage]: req('PUT', `${g}/staging`, token, { revision: 1 }),
    [WRITE_OPS.audit]: req('GET', `${W}/audit`, token),
  };
}

/** Sends every status of every write operation but 429 and 503; returns a publisher's token for those. */
export async function expectWriteAnswers(expectAnswer: ExpectAnswer): Promise<{ publisher: string }> {
  const admin = await newTenant();
  const viewer = (await tokenFor(admin, 'viewer')).secret;
  const editor = (await tokenFor(admin, 'editor')).secret;
  const publisher = (await tokenFor(admin, 'publisher')).secret;
  const readKey = (await createApiKey(admin, { name: 'read', environment: 'development' })).key;
  const big = Buffer.alloc(300 * 1024, 32);
  const g = `${W}/prompts/greeter`;
  const O = WRITE_OPS;

  // A prompt whose r2 does not parse (as after a stricter schema): staging and publishing refuse it.
  const { id: brokenId } = await createPrompt(admin, { name: 'Broken', slug: 'broken', description: '', tags: [] }, systemContent('ok'));
  const invalid = { ...systemContent('x'), blocks: [{ id: 'not a valid id', kind: 'system', title: '', body: 'x', enabled: true }] };
  await saveDraft(admin, { promptId: brokenId, baseRevisionId: await headRevisionId(brokenId), content: invalid as Content });

  await expectAnswer(O.workspace, req('GET', W, viewer), 200);
  await expectAnswer(O.workspace, req('GET', W, null), 401);
  await expectAnswer(O.workspace, req('GET', W, readKey), 401);
  await expectAnswer(O.workspace, req('GET', W, `gst_${'x'.repeat(40)}`), 401);

  await expectAnswer(
    O.create,
    req('POST', `${W}/prompts`, editor, { slug: 'greeter', name: 'Greeter', content: systemContent('one') }),
    201,
  );
  await expectAnswer(O.create, req('POST', `${W}/prompts`, editor, { slug: 'greeter', name: 'Again' }), 422);
  for (const body of ['{', { slug: 'Bad slug!', name: 'x' }, { slug: 'x' }, { slug: 'x', name: 'x', extra: 1 }])
    await expectAnswer(O.create, req('POST', `${W}/prompts`, editor, body), 400);
  await expectAnswer(O.create, req('POST', `${W}/prompts`, viewer, { slug: 'nope', name: 'Nope' }), 403);
  await expectAnswer(O.create, req('POST', `${W}/prompts`, editor, big), 413);

  for (const query of ['', '?limit=1', '?cursor=broken']) await expectAnswer(O.list, req('GET', `${W}/prompts${query}`, viewer), 200);
  for (const query of ['?limit=0', '?limit=201', '?cursor=Bad_'])
    await expectAnswer(O.list, req('GET', `${W}/prompts${query}`, viewer), 400);

  await expectAnswer(O.get, req('GET', g, viewer), 200);
  await expectAnswer(O.get, req('GET', `${W}/prompts/Bad_Slug`, viewer), 400);
  await expectAnswer(O.get, req('GET', `${W}/prompts/missing`, viewer), 404);

  await expectAnswer(O.update, req('PATCH', g, editor, { name: 'Greeter two', tags: ['support'] }), 200);
  await expectAnswer(O.update, req('PATCH', g, editor, { name: 5 }), 400);
  await expectAnswer(O.update, req('PATCH', g, editor, {}), 400, { exclusive: true });
  await expectAnswer(O.update, req('PATCH', g, viewer, { name: 'x' }), 403);
  await expectAnswer(O.update, req('PATCH', `${W}/prompts/missing`, editor, { name: 'x' }), 404);
  await expectAnswer(O.update, req('PATCH', g, editor, big), 413);

  await expectAnswer(O.save, req('POST', `${g}/revisions`, editor, { baseRevision: 1, content: systemContent('two'), message: 'm' }), 201);
  await expectAnswer(O.save, req('POST', `${g}/revisions`, editor, { baseRevision: 2, content: systemContent('two') }), 200);
  await expectAnswer(O.save, req('POST', `${g}/revisions`, editor, { baseRevision: 1, content: systemContent('three') }), 409);
  for (const body of [{}, { baseRevision: 0, content: systemContent('x') }, { baseRevision: 2, content: { blocks: [] } }])
    await expectAnswer(O.save, req('POST', `${g}/revisions`, editor, body), 400);
  await expectAnswer(O.save, req('POST', `${g}/revisions`, viewer, { baseRevision: 2, content: systemContent('x') }), 403);
  await expectAnswer(O.save, req('POST', `${W}/prompts/missing/revisions`, editor, { baseRevision: 1, content: systemContent('x') }), 404);
  await expectAnswer(O.save, req('POST', `${g}/revisions`, editor, big), 413);

  for (const query of ['', '?cursor=2']) await expectAnswer(O.revisions, req('GET', `${g}/revisions${query}`, viewer), 200);
  await expectAnswer(O.revisions, req('GET', `${g}/revisions?cursor=abc`, viewer), 400);
  await expectAnswer(O.revisions, req('GET', `${W}/prompts/missing/revisions`, viewer), 404);
  await expectAnswer(O.revision, req('GET', `${g}/revisions/1`, viewer), 200);
  await expectAnswer(O.revision, req('GET', `${g}/revisions/0`, viewer), 400);
  await expectAnswer(O.revision, req('GET', `${g}/revisions/99`, viewer), 404);

  await expectAnswer(O.review, req('POST', `${g}/reviews`, editor, { revision: 2, reviewers: [admin.email] }), 201);
  await expectAnswer(O.review, req('POST', `${g}/reviews`, editor, { revision: 2, reviewers: ['nobody@example.test'] }), 422);
  await expectAnswer(O.review, req('POST', `${g}/reviews`, editor, { revision: '2' }), 400);
  await expectAnswer(O.review, req('POST', `${g}/reviews`, viewer, { revision: 2 }), 403);
  await expectAnswer(O.review, req('POST', `${g}/reviews`, editor, { revision: 99 }), 404);
  await expectAnswer(O.review, req('POST', `${g}/reviews`, editor, big), 413);

  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, { revision: 2, note: 'first' }), 201);
  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, { revision: 2, note: 'again' }), 409); // unchanged
  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, { revision: 2 }), 400);
  await expectAnswer(O.publish, req('POST', `${g}/releases`, editor, { revision: 2, note: 'x' }), 403);
  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, { revision: 99, note: 'x' }), 404);
  await expectAnswer(O.publish, req('POST', `${W}/prompts/broken/releases`, publisher, { revision: 2, note: 'x' }), 422);
  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, big), 413);

  await expectAnswer(O.publish, req('POST', `${g}/releases`, publisher, { revision: 1, note: 'second' }), 201);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, publisher, { version: 1, note: 'back' }), 200);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, publisher, { version: 1 }), 409);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, publisher, { version: 'one' }), 400);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, editor, { version: 2 }), 403);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, publisher, { version: 99 }), 404);
  await expectAnswer(O.rollback, req('POST', `${g}/rollback`, publisher, big), 413);

  await expectAnswer(O.stage, req('PUT', `${g}/staging`, editor, { revision: 1 }), 200);
  await expectAnswer(O.stage, req('PUT', `${g}/staging`, editor, {}), 400);
  await expectAnswer(O.stage, req('PUT', `${g}/staging`, viewer, { revision: 1 }), 403);
  await expectAnswer(O.stage, req('PUT', `${g}/staging`, editor, { revision: 99 }), 404);
  await expectAnswer(O.stage, req('PUT', `${W}/prompts/broken/staging`, editor, { revision: 2 }), 422);
  await expectAnswer(O.stage, req('PUT', `${g}/staging`, editor, big), 413);

  for (const query of ['', '?action=release']) await expectAnswer(O.audit, req('GET', `${W}/audit${query}`, viewer), 200);
  for (const query of ['?cursor=!!', '?action=Release!']) await expectAnswer(O.audit, req('GET', `${W}/audit${query}`, viewer), 400);

  // A wrong method on each path answers 405 for each of its operations; a missing token 401.
  for (const [op, sample] of Object.entries(writeRequests(viewer))) {
    await expectAnswer(op, { ...sample, method: 'DELETE' }, 405);
    await expectAnswer(op, { ...sample, headers: { 'content-type': 'application/json' } }, 401);
  }
  return { publisher };
}
