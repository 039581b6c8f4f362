import { expect, test } from './fixtures';

test('GET /api/health answers 200 with { ok: true }', async ({ request }) => {
  const response = await request.get('/api/health');

  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/json');
  expect(await response.json()).toMatchObject({ ok: true });
});

// Regression: an unknown path under /api answered Next's HTML 404 page, which API clients cannot parse.
test('an unknown path under /api answers a JSON 404 for every method', async ({ request }) => {
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    const response = await request.fetch('/api/no-such-endpoint/x', { method });
    expect(response.status(), method).toBe(404);
    expect(response.headers()['content-type'], method).toContain('application/json');
    expect(await response.json(), method).toEqual({ error: { code: 'not_found', message: 'No endpoint /api/no-such-endpoint/x' } });
  }
});
