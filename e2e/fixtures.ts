import { randomBytes } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';

export { expect };

export type Credentials = { email: string; password: string };
export type SignUpInput = { name?: string; email?: string; password?: string };
export type SignedUpUser = Credentials & { workspaceSlug: string };

type AuthFixtures = {
  /** Creates a new account through /signup and lands on its personal workspace. */
  signUp: (page: Page, input?: SignUpInput) => Promise<SignedUpUser>;
  /** Signs an existing account in through /login. */
  login: (page: Page, credentials: Credentials) => Promise<void>;
};

const DEFAULT_PASSWORD = 'e2e-Correct-Horse-42';
// The personal workspace dashboard, e.g. /w/jane-doe, and nothing after it.
const WORKSPACE_DASHBOARD = /\/w\/([a-z0-9-]+)$/;

function randomId(): string {
  return randomBytes(5).toString('hex');
}

export function uniqueEmail(): string {
  return `e2e-${randomId()}@example.test`;
}

// The fixture callback is named `provide`, not Playwright's usual `use`: the React
// hooks lint rule takes any call to `use` for React's hook.
export const test = base.extend<AuthFixtures>({
  // Every page of every spec is also a Content-Security-Policy check: a script, style, worker
  // or frame the policy refuses fails the test that loaded it.
  page: async ({ page }, provide) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
      );
    });
    await provide(page);
    expect(violations, 'Content Security Policy violations').toEqual([]);
  },
  signUp: async ({}, provide) => {
    await provide(async (page, input = {}) => {
      const email = input.email ?? uniqueEmail();
      const password = input.password ?? DEFAULT_PASSWORD;
      await page.goto('/signup');
      await page.getByLabel('Name', { exact: true }).fill(input.name ?? `E2E ${randomId()}`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Create account', exact: true }).click();
      await page.waitForURL(WORKSPACE_DASHBOARD);
      const workspaceSlug = new URL(page.url()).pathname.match(WORKSPACE_DASHBOARD)?.[1];
      if (!workspaceSlug) throw new Error(`sign-up ended on an unexpected URL: ${page.url()}`);
      return { email, password, workspaceSlug };
    });
  },

  login: async ({}, provide) => {
    await provide(async (page, { email, password }) => {
      await page.goto('/login');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(/\/w\//);
    });
  },
});

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * Records every request (and WebSocket) the page makes to a host other than this
 * machine. Call it before navigating; the returned function gives the URLs seen so far.
 */
export function noExternalRequests(page: Page): () => string[] {
  const external: string[] = [];
  const check = (url: string) => {
    const { protocol, hostname } = new URL(url);
    if (NETWORK_PROTOCOLS.has(protocol) && !LOCAL_HOSTS.has(hostname)) external.push(url);
  };
  page.on('request', (request) => check(request.url()));
  page.on('websocket', (socket) => check(socket.url()));
  return () => [...external];
}
