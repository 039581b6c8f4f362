import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// This file is read by the Playwright runner, not by the app, so it reads process.env directly.
const port = Number(process.env.E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;

// Playwright re-evaluates this file in every worker. Workers inherit the runner's
// environment, so storing the directory there keeps one data dir for the whole run;
// specs read it from GALLEY_E2E_DATA_DIR.
process.env.GALLEY_E2E_DATA_DIR ??= path.join(os.tmpdir(), `galley-e2e-${Date.now()}-${process.pid}`);
const dataDir = process.env.GALLEY_E2E_DATA_DIR;
// The scrape token of the shared server, for e2e/operations.spec.ts.
process.env.GALLEY_E2E_METRICS_TOKEN ??= 'e2e-metrics-token-not-for-production';

// Debian's Chromium where Playwright's own browser cannot be downloaded; an explicit path wins.
function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // Two spec files at a time: every spec signs up its own accounts and workspaces, and the
  // specs that start servers of their own pick free ports, so files do not share state. On a
  // two-core machine this cut the e2e run from 18.1 to 15.5 minutes (a loaded machine).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  // Serves the production build that `npm test` makes before running Playwright.
  webServer: {
    // The server as `npm start` runs it: compiled JavaScript (scripts/start.mjs).
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
      GALLEY_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      // Specs that trip sign-in throttling send X-Forwarded-For so they do not throttle each other.
      GALLEY_TRUST_PROXY: 'true',
      // Scheduled releases a few seconds ahead fire without the spec waiting long.
      GALLEY_SCHEDULER_POLL_MS: '500',
      GALLEY_METRICS_TOKEN: process.env.GALLEY_E2E_METRICS_TOKEN,
      // Webhook specs deliver to receivers on 127.0.0.1, and retry quickly.
      GALLEY_WEBHOOK_ALLOW_PRIVATE: 'true',
      GALLEY_WEBHOOK_RETRY_BASE_MS: '500',
    },
  },
});
