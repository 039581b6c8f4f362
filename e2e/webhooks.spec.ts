// The webhook admin flow in a real browser, delivering to a real receiver on 127.0.0.1 that
// verifies every request with the standardwebhooks package: add an endpoint (secret shown
// once), send a test event, read the delivery log, redeliver, rotate, disable.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { expect, test } from './fixtures';

test('an admin adds an endpoint, sends a test event, sees it in the log, redelivers, rotates and disables', async ({ page, signUp }) => {
  test.setTimeout(120_000);
  const received: { id: string; verified: boolean; body: string }[] = [];
  let secret = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(secret).verify(body, headers);
        verified = true;
      } catch {
        /* recorded as unverified */
      }
      received.push({ id: headers['webhook-id'] ?? '', verified, body });
      res.end('thanks');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/galley`;

  try {
    const { workspaceSlug: ws } = await signUp(page);
    await page.goto(`/w/${ws}/settings`);
    await page.getByRole('link', { name: 'Manage webhooks' }).click();
    await page.waitForURL(`/w/${ws}/settings/webhooks`);

    await page.getByLabel('Endpoint URL').fill('not a url');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(page.getByText('Enter a full URL')).toBeVisible();

    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const box = page.getByTestId('webhook-secret');
    secret = await box.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await box.getByRole('button', { name: 'Done' }).click();
    await expect(box).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(secret);

    await page.getByRole('link', { name: url }).click();
    await page.getByRole('button', { name: 'Send a test event' }).click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    expect(received[0]!.verified).toBe(true);
    expect(JSON.parse(received[0]!.body).type).toBe('webhook.test');

    const delivery = page.getByTestId('delivery').first();
    await expect
      .poll(
        async () => {
          await page.reload();
          return delivery.getAttribute('data-status');
        },
        { timeout: 30_000 },
      )
      .toBe('delivered');
    await expect(delivery).toContainText('HTTP 200');
    await delivery.getByText('Attempts and bodies').click();
    await expect(delivery.getByTestId('attempt')).toContainText('thanks');

    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
    expect(received[1]!.id).toBe(received[0]!.id);

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByTestId('webhook-secret');
    const fresh = await rotated.getByLabel('Signing secret').inputValue();
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(secret);
    await rotated.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText('rotating: two signatures')).toBeVisible();

    await page.getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByRole('button', { name: 'Enable' })).toBeVisible();
    await page.goto(`/w/${ws}/settings/webhooks`);
    await expect(page.getByTestId('webhook-endpoint')).toContainText('disabled');
  } finally {
    server.close();
  }
});
