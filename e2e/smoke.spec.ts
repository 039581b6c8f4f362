import { expect, test } from './fixtures';

test('GET /api/health answers 200 with { ok: true }', async ({ request }) => {
  const response = await request.get('/api/health');

  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toMatchObject({ ok: true });
});
