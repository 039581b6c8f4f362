// The service-token admin flow in a real browser: an admin creates a token in the workspace
// settings and sees it once, a client uses it over real HTTP against the write API, the audit
// log names it, and once the admin revokes it the same request is a 401 with a message.
import { expect, test } from './fixtures';

test('an admin creates a service token, it changes prompts over HTTP, and revoking it ends that', async ({ page, signUp, request }) => {
  const { workspaceSlug: ws } = await signUp(page);
  await page.goto(`/w/${ws}/settings`);

  await page.getByLabel('Token name', { exact: true }).fill('Deploy bot');
  await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('publisher');
  await page.getByRole('combobox', { name: 'Expires', exact: true }).selectOption('30');
  await page.getByRole('button', { name: 'Create token', exact: true }).click();

  const box = page.getByTestId('new-service-token');
  await expect(box).toContainText('Token “Deploy bot” created');
  const token = await box.getByLabel('Service token', { exact: true }).inputValue();
  expect(token).toMatch(/^gst_[0-9A-Za-z]{40}$/);
  await box.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(box).toHaveCount(0);
  const row = page.getByTestId(`service-token-${token.slice(0, 8)}`);
  await expect(row).toContainText('Deploy bot');
  await expect(row).toContainText('publisher');
  await expect(row).toContainText('Never'); // not used yet
  await expect(page.locator('body')).not.toContainText(token);

  // Real HTTP with the token: who it is, then a prompt created and published through the write API.
  const auth = { authorization: `Bearer ${token}` };
  const me = await request.get('/api/v1/workspace', { headers: auth });
  expect(me.status()).toBe(200);
  expect((await me.json()).token).toEqual({ name: 'Deploy bot', role: 'publisher', authorId: expect.any(String) });
  const created = await request.post('/api/v1/workspace/prompts', { headers: auth, data: { slug: 'from-ci', name: 'From CI' } });
  expect(created.status()).toBe(201);
  const published = await request.post('/api/v1/workspace/prompts/from-ci/releases', {
    headers: auth,
    data: { revision: 1, note: 'shipped by CI' },
  });
  expect(published.status()).toBe(201);
  expect((await published.json()).release.version).toBe(1);

  // The audit log names the token; the settings show it was used.
  await page.goto(`/w/${ws}/audit`);
  await expect(page.getByText('Deploy bot (service token)').first()).toBeVisible();
  await page.goto(`/w/${ws}/settings`);
  await expect(row).not.toContainText('Never');

  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await page.getByRole('group', { name: 'Confirm revoking Deploy bot' }).getByRole('button', { name: 'Revoke Deploy bot' }).click();
  await expect(row).toContainText('revoked');

  const refused = await request.get('/api/v1/workspace/prompts', { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.message).toContain('"Deploy bot" has been revoked');
});
