// Helpers shared by the specs: typing into the editor, waiting for a save, unwrapping server
// action results, reading a page's props, and (from the scripts' harness) ports and a
// PostgreSQL server's admin queries. The Playwright fixtures live in ./fixtures.
import type { Locator, Page } from '@playwright/test';
import type { ActionKey, ActionResult } from './action-client';
import { expect } from './fixtures';

export { adminQuery, freePort } from '../scripts/lib/server-harness';

/** Waits for the block's Monaco, clicks into it, goes to the end of the line and types `text`. */
async function typeAtLineEnd(page: Page, block: Locator, text: string): Promise<void> {
  await expect(block.locator('.monaco-editor')).toBeVisible();
  await block.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

/** Types at the end of the first block (a new prompt's system block). */
export async function typeInFirstBlock(page: Page, text: string): Promise<void> {
  await typeAtLineEnd(page, page.getByTestId('block').first(), text);
}

/** Types at the end of the second block (a new prompt's user block). */
export async function typeInUserBlock(page: Page, text: string): Promise<void> {
  await typeAtLineEnd(page, page.getByTestId('block').nth(1), text);
}

/** Waits (15 s at most) for the save status to say revision r<revision> is saved. */
export async function expectSaved(page: Page, revision: number): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(new RegExp(`Saved · r${revision}\\b`), { timeout: 15_000 });
}

/**
 * The admin on `adminPage` creates an invitation link for `email` in the workspace settings,
 * and `inviteePage` (signed in as that email) opens it and accepts: the only way to join.
 */
export async function inviteAndAccept(adminPage: Page, inviteePage: Page, workspaceSlug: string, email: string, role: string) {
  const link = await createInvitationLink(adminPage, workspaceSlug, email, role);
  await inviteePage.goto(link);
  await inviteePage.getByRole('button', { name: `Accept and join as ${role}`, exact: true }).click();
  await inviteePage.waitForURL((url) => url.pathname === `/w/${workspaceSlug}`);
}

/** Creates an invitation link in the settings page as its admin; returns the link the page shows once. */
export async function createInvitationLink(adminPage: Page, workspaceSlug: string, email: string, role: string): Promise<string> {
  await adminPage.goto(`/w/${workspaceSlug}/settings`);
  await adminPage.getByLabel('Invite email', { exact: true }).fill(email);
  await adminPage.getByLabel('Invite role', { exact: true }).selectOption(role);
  await adminPage.getByRole('button', { name: 'Create invitation link', exact: true }).click();
  const field = adminPage.getByRole('textbox', { name: 'Invitation link', exact: true });
  await expect(field).toHaveValue(/\/invite\/gli_[0-9A-Za-z]{40}$/);
  return field.inputValue();
}

/** The server actions that set up a published prompt and API keys over HTTP (api-fuzz, multi-instance). */
export const READ_API_SETUP_ACTIONS = {
  signUp: 'lib/actions/auth.ts#signUp',
  createPrompt: 'lib/actions/prompts.ts#createPrompt',
  saveDraft: 'lib/actions/drafts.ts#saveDraft',
  loadDraftHead: 'lib/actions/drafts.ts#loadDraftHead',
  publish: 'lib/actions/releases.ts#publish',
  createApiKey: 'lib/actions/api-keys.ts#createApiKey',
  revokeApiKey: 'lib/actions/api-keys.ts#revokeApiKey',
} as const satisfies Record<string, ActionKey>;

/** Unwraps an action result that must succeed (setup and observations). */
export function ok<T>(result: ActionResult<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** The RSC payload inlined in a page: the props the server rendered it with. */
export function flightOf(html: string): string {
  let out = '';
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) out += JSON.parse(m[1]!) as string;
  return out;
}

/** The wall-clock time `ms` from now in the page's time zone, as a datetime-local value. */
export function localTimeFromNow(page: Page, ms: number): Promise<string> {
  return page.evaluate((ahead) => {
    const d = new Date(Date.now() + ahead);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }, ms);
}

/** Waits (reloading the releases page) until the scheduler has published release `version`. */
export async function waitForScheduledRelease(page: Page, promptUrl: string, version: number): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.goto(`${promptUrl}/releases`);
        return page.getByTestId(`release-v${version}`).count();
      },
      { message: 'the scheduled release is published', timeout: 60_000, intervals: [1_000] },
    )
    .toBe(1);
}
