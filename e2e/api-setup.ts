// Set-up over HTTP through the server actions, for the specs that test what applications see
// (the fuzz spec, the SDK package, the Python client): an account, a prompt, saved and
// published content, API keys. Every call must succeed; a failure names the step.
import type { APIRequestContext } from '@playwright/test';
import type { Content } from '../lib/domain/content';
import type { ApiKeyEnvironment } from '../lib/domain/api-key';
import { callAction, newApiClient, signInApi } from './action-client';
import { flightOf, ok, READ_API_SETUP_ACTIONS as KEYS } from './helpers';

export interface Owner {
  client: APIRequestContext;
  ws: string;
  email: string;
}

export interface SetupPrompt {
  slug: string;
  promptId: string;
  path: string;
}

/** Signs up a new account (its personal workspace is `ws`) and signs it in on a client of its own. */
export async function signUpOwner(
  baseURL: string,
  name: string,
  email: string,
  password: string,
  track: (c: APIRequestContext) => void = () => {},
): Promise<Owner> {
  const visitor = await newApiClient(baseURL);
  track(visitor);
  const { workspaceSlug: ws } = ok(
    await callAction<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, [{ name, email, password }]),
    'signUp',
  );
  const client = await newApiClient(baseURL);
  track(client);
  await signInApi(client, email, password);
  return { client, ws, email };
}

/** Creates a prompt; its id comes from the prompt page's props. */
export async function createPromptWithId(owner: Owner, name: string, slug: string): Promise<SetupPrompt> {
  const created = ok(
    await callAction<{ slug: string }>(owner.client, `/w/${owner.ws}/prompts/new`, KEYS.createPrompt, [
      { workspace: owner.ws, name, slug },
    ]),
    'createPrompt',
  );
  return promptOf(owner, created.slug);
}

/** An existing prompt by slug; its id comes from the prompt page's props. */
export async function promptOf(owner: Owner, slug: string): Promise<SetupPrompt> {
  const path = `/w/${owner.ws}/prompts/${slug}`;
  const promptId = /"promptId":"([^"]+)"/.exec(flightOf(await (await owner.client.get(path)).text()))?.[1];
  if (!promptId) throw new Error('The prompt page no longer carries the prompt id in its props');
  return { slug, promptId, path };
}

/** The draft head: its revision id and content. */
export async function loadHead(owner: Owner, prompt: SetupPrompt): Promise<{ id: string; content: Content }> {
  return ok(
    await callAction<{ id: string; content: Content }>(owner.client, prompt.path, KEYS.loadDraftHead, [
      { workspace: owner.ws, promptId: prompt.promptId },
    ]),
    'loadDraftHead',
  );
}

/** Saves `content` on top of revision `baseRevisionId`; returns the new revision's id. */
export async function saveContent(
  owner: Owner,
  prompt: SetupPrompt,
  baseRevisionId: string,
  content: Content,
  what = 'saveDraft',
): Promise<string> {
  const saved = ok(
    await callAction<{ revision: { id: string } }>(owner.client, prompt.path, KEYS.saveDraft, [
      { workspace: owner.ws, promptId: prompt.promptId, baseRevisionId, content },
    ]),
    what,
  );
  return saved.revision.id;
}

export async function publishRevision(owner: Owner, prompt: SetupPrompt, revisionId: string, note: string): Promise<void> {
  ok(
    await callAction(owner.client, `${prompt.path}/releases`, KEYS.publish, [
      { workspace: owner.ws, promptId: prompt.promptId, revisionId, note },
    ]),
    'publish',
  );
}

/** Saves the head's content changed by `edit`, and publishes it; returns the revision and its content. */
export async function publishEdited(owner: Owner, prompt: SetupPrompt, edit: (content: Content) => void, note: string) {
  const head = await loadHead(owner, prompt);
  const content: Content = structuredClone(head.content);
  edit(content);
  const revisionId = await saveContent(owner, prompt, head.id, content);
  await publishRevision(owner, prompt, revisionId, note);
  return { revisionId, content };
}

export async function createKey(owner: Owner, name: string, environment: ApiKeyEnvironment): Promise<{ id: string; key: string }> {
  return ok(
    await callAction<{ id: string; key: string }>(owner.client, `/w/${owner.ws}/settings`, KEYS.createApiKey, [
      { workspace: owner.ws, name, environment },
    ]),
    `createApiKey ${name}`,
  );
}
