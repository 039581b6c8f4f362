// Server actions are public endpoints (ARCHITECTURE.md, "A server action"): anyone can POST to one with its id, with
// or without a session, whatever the page shows. This matrix sends every guarded action as
// a bare POST from every role, a member of another workspace and a visitor, and checks the
// answer and — through the app, as an admin — that a refused call changed nothing. Each
// allowed cell must also show its change, so every observation is proven able to fail.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { ACTION_MIN_ROLE, type Action } from '../lib/authz-rules';
import type { Content } from '../lib/domain/content';
import { contentHash } from '../lib/domain/hash';
import { callAction, loadActionIds, newApiClient, signInApi, type ActionKey, type ActionResult } from './action-client';
import { expect, test } from './fixtures';
import { flightOf, ok } from './helpers';

const KEYS = {
  signUp: 'lib/actions/auth.ts#signUp',
  inviteMember: 'lib/actions/members.ts#inviteMember',
  changeRole: 'lib/actions/members.ts#changeRole',
  updateWorkspacePolicy: 'lib/actions/policy.ts#updateWorkspacePolicy',
  createPrompt: 'lib/actions/prompts.ts#createPrompt',
  saveDraft: 'lib/actions/drafts.ts#saveDraft',
  loadDraftHead: 'lib/actions/drafts.ts#loadDraftHead',
  previewInclude: 'lib/actions/includes.ts#previewInclude',
  updateIncludes: 'lib/actions/includes.ts#updateIncludes',
  loadPublishDiff: 'lib/actions/drafts.ts#loadPublishDiff',
  requestReview: 'lib/actions/reviews.ts#requestReview',
  decideReview: 'lib/actions/reviews.ts#decideReview',
  createThread: 'lib/actions/review-comments.ts#createThread',
  setThreadResolved: 'lib/actions/review-comments.ts#setThreadResolved',
  replyToThread: 'lib/actions/review-comments.ts#replyToThread',
  editComment: 'lib/actions/review-comments.ts#editComment',
  deleteComment: 'lib/actions/review-comments.ts#deleteComment',
  publish: 'lib/actions/releases.ts#publish',
  rollback: 'lib/actions/releases.ts#rollback',
  createWorkspace: 'lib/actions/workspaces.ts#createWorkspace',
  createApiKey: 'lib/actions/api-keys.ts#createApiKey',
  revokeApiKey: 'lib/actions/api-keys.ts#revokeApiKey',
  createServiceToken: 'lib/actions/service-tokens.ts#createServiceToken',
  revokeServiceToken: 'lib/actions/service-tokens.ts#revokeServiceToken',
  createTestCase: 'lib/actions/evaluations.ts#createTestCase',
  updateTestCase: 'lib/actions/evaluations.ts#updateTestCase',
  deleteTestCase: 'lib/actions/evaluations.ts#deleteTestCase',
  startRun: 'lib/actions/evaluations.ts#startRun',
  cancelRun: 'lib/actions/evaluations.ts#cancelRun',
  getRunStatus: 'lib/actions/evaluations.ts#getRunStatus',
  restoreRevision: 'lib/actions/history.ts#restoreRevision',
  removeMember: 'lib/actions/members.ts#removeMember',
  revokeInvitation: 'lib/actions/members.ts#revokeInvitation',
  updatePromptPolicy: 'lib/actions/policy.ts#updatePromptPolicy',
  updateApprovalChain: 'lib/actions/policy.ts#updateApprovalChain',
  createProvider: 'lib/actions/providers.ts#createProvider',
  updateProvider: 'lib/actions/providers.ts#updateProvider',
  deleteProvider: 'lib/actions/providers.ts#deleteProvider',
  stageRevision: 'lib/actions/releases.ts#stageRevision',
  setCanary: 'lib/actions/releases.ts#setCanary',
  promoteStaging: 'lib/actions/releases.ts#promoteStaging',
  scheduleRelease: 'lib/actions/releases.ts#scheduleRelease',
  cancelScheduledRelease: 'lib/actions/releases.ts#cancelScheduledRelease',
  updateReviewToHead: 'lib/actions/reviews.ts#updateReviewToHead',
  closeReview: 'lib/actions/reviews.ts#closeReview',
  issuePasswordReset: 'lib/actions/members.ts#issuePasswordReset',
  acceptInvitation: 'lib/actions/invitations.ts#acceptInvitation',
  declineInvitation: 'lib/actions/invitations.ts#declineInvitation',
  resetPassword: 'lib/actions/auth.ts#resetPassword',
  updateName: 'lib/actions/account.ts#updateName',
  changePassword: 'lib/actions/account.ts#changePassword',
  signOutEverywhere: 'lib/actions/account.ts#signOutEverywhere',
  endSession: 'lib/actions/account.ts#endSession',
  endOtherSessions: 'lib/actions/account.ts#endOtherSessions',
  createWebhook: 'lib/actions/webhooks.ts#createWebhook',
  rotateWebhook: 'lib/actions/webhooks.ts#rotateWebhook',
  setWebhookEnabled: 'lib/actions/webhooks.ts#setWebhookEnabled',
  deleteWebhook: 'lib/actions/webhooks.ts#deleteWebhook',
  sendTestWebhook: 'lib/actions/webhooks.ts#sendTestWebhook',
  redeliverWebhook: 'lib/actions/webhooks.ts#redeliverWebhook',
  markRead: 'lib/actions/notifications.ts#markRead',
  markAllRead: 'lib/actions/notifications.ts#markAllRead',
  followPrompt: 'lib/actions/notifications.ts#followPrompt',
} as const satisfies Record<string, ActionKey>;

/**
 * The actions of lib/actions that act on no workspace, so the matrix has no row for them:
 * signUp and resetPassword are publicActions (a visitor creates an account; a reset link's
 * token is its own authorization: e2e/auth.spec.ts and e2e/account.spec.ts cover them);
 * createWorkspace and the account actions (updateName, changePassword, signOutEverywhere,
 * endSession, endOtherSessions) are action()s of any signed-in user on their own account
 * (e2e/account.spec.ts; another user's session id is not found: device-sessions.test.ts); acceptInvitation and
 * declineInvitation are action()s authorized by the link's token and the invited email
 * (e2e/invitations.spec.ts). Every other action in the build must have a MATRIX row (see the
 * completeness test).
 */
const NOT_WORKSPACE_ACTIONS: ReadonlySet<ActionKey> = new Set([
  KEYS.signUp,
  KEYS.resetPassword,
  KEYS.createWorkspace,
  KEYS.updateName,
  KEYS.changePassword,
  KEYS.signOutEverywhere,
  KEYS.endSession,
  KEYS.endOtherSessions,
  KEYS.acceptInvitation,
  KEYS.declineInvitation,
]);

const ROLES = ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const;
type Role = (typeof ROLES)[number];
/** Who sends the request: a visitor without a session, a member of another workspace, or a member of W with a role. */
const CALLERS = ['unauthenticated', 'outsider', ...ROLES] as const;
type Caller = (typeof CALLERS)[number];
type Outcome = 'allowed' | 'unauthenticated' | 'not_found' | 'forbidden';

function expectedOutcome(caller: Caller, minRole: Role): Outcome {
  if (caller === 'unauthenticated') return 'unauthenticated';
  // Non-members get "not found", so workspace slugs do not leak (lib/authz.ts).
  if (caller === 'outsider') return 'not_found';
  return ROLES.indexOf(caller) >= ROLES.indexOf(minRole) ? 'allowed' : 'forbidden';
}

const PASSWORD = 'e2e-Authz-Matrix-42';
const nonce = () => randomBytes(4).toString('hex');

interface Account {
  email: string;
  client: APIRequestContext;
  /** Membership in W (not for the outsider). */
  membershipId: string;
}

/** Everything beforeAll sets up: workspace W owned by `admin`, one member per role, prompt P. */
interface World {
  ws: string;
  promptSlug: string;
  promptId: string;
  clients: Record<Caller, APIRequestContext>;
  accounts: Record<Role | 'admin2', Account>;
  /** A new account (not a member of W), signed in: for members the matrix removes. */
  newAccount: (label: string) => Promise<{ email: string; client: APIRequestContext }>;
  /** Model providers: `dead` points where nothing listens (runs error at once), `hanging` at a server that never answers (runs stay running). */
  providers: { dead: string; hanging: string; updateTarget: string };
  /** The test case updateTestCase renames. */
  updateTestCaseId: string;
}

let world: World;
const disposables: APIRequestContext[] = [];
/** Accepts chat-completion requests and never answers them, so a run on it stays running until cancelled. */
let hangingServer: Server | undefined;
const DEAD_BASE_URL = 'http://127.0.0.1:9/v1';

const paths = {
  prompt: () => `/w/${world.ws}/prompts/${world.promptSlug}`,
  reviews: () => `${paths.prompt()}/reviews`,
  review: (id: string) => `${paths.reviews()}/${id}`,
  releases: () => `${paths.prompt()}/releases`,
  settings: () => `/w/${world.ws}/settings`,
  audit: () => `/w/${world.ws}/audit`,
  tests: () => `${paths.prompt()}/tests`,
  promptSettings: () => `${paths.prompt()}/settings`,
  revision: (number: number) => `${paths.prompt()}/revisions/${number}`,
  newPrompt: () => `/w/${world.ws}/prompts/new`,
};

async function call<T>(client: APIRequestContext, page: string, key: ActionKey, input: unknown): Promise<ActionResult<T>> {
  return callAction<T>(client, page, key, [input]);
}

/** The admin `inviter` issues an invitation link for `email` as `role`, and `invitee` accepts it: the only way into a workspace. */
async function join(
  inviter: APIRequestContext,
  ws: string,
  invitee: { email: string; client: APIRequestContext },
  role: Role,
): Promise<{ membershipId: string }> {
  const link = ok(
    await call<{ token: string; path: string }>(inviter, `/w/${ws}/settings`, KEYS.inviteMember, {
      workspace: ws,
      email: invitee.email,
      role,
    }),
    `invite ${invitee.email}`,
  );
  return ok(
    await call<{ membershipId: string }>(invitee.client, link.path, KEYS.acceptInvitation, { token: link.token }),
    `${invitee.email} accepts`,
  );
}

// ---- Reading state through the app, as the workspace admin -------------------------------

async function pageHtml(path: string): Promise<string> {
  const response = await world.accounts.admin.client.get(path);
  expect(response.status(), `GET ${path} as admin`).toBe(200);
  return response.text();
}

/** The JSON value right after the first `"name":` in `text` (objects and arrays by bracket matching). */
function propOf(text: string, name: string): unknown {
  const marker = `"${name}":`;
  const start = text.indexOf(marker);
  if (start < 0) throw new Error(`No "${name}" in the page data`);
  let i = start + marker.length;
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      if (--depth === 0) {
        i++;
        break;
      }
    } else if (ch === ',' && depth === 0) break;
  }
  return JSON.parse(text.slice(start + marker.length, i));
}

async function draftHead(): Promise<{ id: string; number: number; content: Content }> {
  const input = { workspace: world.ws, promptId: world.promptId };
  return ok(await call(world.accounts.admin.client, paths.prompt(), KEYS.loadDraftHead, input), 'loadDraftHead');
}

/** The newest page of the audit log: a new event of any kind shows up here. */
async function auditTrail(): Promise<string[]> {
  const html = await pageHtml(paths.audit());
  return [...html.matchAll(/<tr[^>]*data-testid="audit-row"[\s\S]*?<\/tr>/g)].map((m) => m[0]);
}

async function reviewRowCount(): Promise<number> {
  return [...(await pageHtml(paths.reviews())).matchAll(/data-testid="review-row"/g)].length;
}

async function decisionsOn(reviewId: string): Promise<string[]> {
  const html = await pageHtml(paths.review(reviewId));
  return [...html.matchAll(/data-testid="decision"[^>]*data-decision="([a-z_]+)"/g)].map((m) => m[1]!);
}

interface ReleasesView {
  versions: number[];
  live: number | null;
  /** Ids of the releases that are not live (their rollback buttons carry them). */
  idOf: Record<number, string>;
}

async function releases(): Promise<ReleasesView> {
  const html = await pageHtml(paths.releases());
  const rows = [...html.matchAll(/data-testid="release-v(\d+)"[\s\S]*?<\/li>/g)];
  const live = rows.find((m) => />live</.test(m[0]));
  const idOf: Record<number, string> = {};
  for (const m of flightOf(html).matchAll(/"release":\{"id":"([^"]+)","version":(\d+)\}/g)) idOf[Number(m[2])] = m[1]!;
  return { versions: rows.map((m) => Number(m[1])), live: live ? Number(live[1]) : null, idOf };
}

type Policy = {
  requiredApprovals: number;
  allowSelfApproval: boolean;
  requirePassingEvaluation: boolean;
  requireResolvedConversations: boolean;
  draftPolicy: 'reset' | 'retain';
  designatedReviewerIds: string[];
};

async function workspacePolicy(): Promise<Policy> {
  return propOf(flightOf(await pageHtml(paths.settings())), 'policy') as Policy;
}

type Member = { membershipId: string; userId: string; email: string; role: Role };

async function members(): Promise<Member[]> {
  return propOf(flightOf(await pageHtml(paths.settings())), 'members') as Member[];
}

async function rolesByEmail(): Promise<Record<string, Role>> {
  return Object.fromEntries((await members()).map((m) => [m.email, m.role]));
}

type Invitation = { id: string; email: string; role: Role };

async function invitations(): Promise<Invitation[]> {
  return (propOf(flightOf(await pageHtml(paths.settings())), 'invitations') as Invitation[]).map(({ id, email, role }) => ({
    id,
    email,
    role,
  }));
}

type ApiKeyRow = { id: string; name: string; environment: string; revoked: boolean };

async function apiKeys(): Promise<ApiKeyRow[]> {
  const keys = propOf(flightOf(await pageHtml(paths.settings())), 'keys') as {
    id: string;
    name: string;
    environment: string;
    revokedAt: unknown;
  }[];
  return keys.map((k) => ({ id: k.id, name: k.name, environment: k.environment, revoked: k.revokedAt !== null }));
}

type ServiceTokenRow = { id: string; name: string; role: string; status: string };

async function serviceTokens(): Promise<ServiceTokenRow[]> {
  const rows = propOf(flightOf(await pageHtml(paths.settings())), 'serviceTokens') as ServiceTokenRow[];
  return rows.map(({ id, name, role, status }) => ({ id, name, role, status }));
}

type ProviderRow = { id: string; name: string; baseUrl: string; model: string };

async function providers(): Promise<ProviderRow[]> {
  const rows = propOf(flightOf(await pageHtml(paths.settings())), 'providers') as ProviderRow[];
  return rows.map(({ id, name, baseUrl, model }) => ({ id, name, baseUrl, model }));
}

type PromptOverride = {
  requiredApprovals: number | null;
  allowSelfApproval: boolean | null;
  requirePassingEvaluation: boolean | null;
  requireResolvedConversations: boolean | null;
  draftPolicy: 'reset' | 'retain' | null;
  designatedReviewerIds: string[];
};

type Chain = { stages: unknown[]; tagRules: { tag: string }[] };

async function approvalChain(): Promise<Chain> {
  return propOf(flightOf(await pageHtml(paths.settings())), 'chain') as Chain;
}

async function promptPolicy(): Promise<PromptOverride> {
  return propOf(flightOf(await pageHtml(paths.promptSettings())), 'override') as PromptOverride;
}

/** The tests page: the prompt's test cases (oldest first) and its newest run. */
async function testsView(): Promise<{ cases: { id: string; name: string }[]; latestRunId: string | null }> {
  const flight = flightOf(await pageHtml(paths.tests()));
  return { cases: propOf(flight, 'cases') as { id: string; name: string }[], latestRunId: propOf(flight, 'latestRunId') as string | null };
}

type RunStatus = { run: { id: string; status: string; total: number }; finished: boolean };

async function runStatus(runId: string): Promise<{ id: string; status: string; finished: boolean }> {
  const input = { workspace: world.ws, promptId: world.promptId, runId };
  const { run, finished } = ok(await call<RunStatus>(world.accounts.admin.client, paths.tests(), KEYS.getRunStatus, input), 'getRunStatus');
  return { id: run.id, status: run.status, finished };
}

/** 200 when the prompt exists, 404 when not. */
async function promptPageStatus(slug: string): Promise<number> {
  return (await world.accounts.admin.client.get(`/w/${world.ws}/prompts/${slug}`, { maxRedirects: 0 })).status();
}

/** What the publish bar says staging serves: a revision number, or null. */
async function staged(): Promise<number | null> {
  const html = await pageHtml(paths.prompt());
  const m = /<dt>Staging<\/dt><dd[^>]*>([^<]*)<\/dd>/.exec(html);
  if (!m) throw new Error('No staging entry in the publish bar');
  const rev = /^r(\d+)$/.exec(m[1]!);
  return rev ? Number(rev[1]) : null;
}

/** The canary the releases page shows: a release version and percent, or null. */
async function canary(): Promise<{ version: number; percent: number } | null> {
  const html = await pageHtml(paths.releases());
  const status = /data-testid="deployment-status"[\s\S]*?<\/p>/.exec(html)?.[0] ?? '';
  const m = /Canary: <span[^>]*>(?:v(\d+) at (\d+)%|(none))<\/span>/.exec(status);
  if (!m) throw new Error('No canary in the deployment status');
  return m[3] ? null : { version: Number(m[1]), percent: Number(m[2]) };
}

/** The prompt's pending scheduled release, as the publish bar's data carries it. */
async function pendingSchedule(): Promise<{ id: string; revisionNumber: number } | null> {
  const state = propOf(flightOf(await pageHtml(paths.prompt())), 'scheduleState') as {
    pending: { id: string; revisionNumber: number } | null;
  };
  return state.pending && { id: state.pending.id, revisionNumber: state.pending.revisionNumber };
}

/** Schedules a fresh revision an hour ahead as the admin; returns the schedule's id. */
async function scheduleAsAdmin(label: string): Promise<string> {
  const { revisionId } = await saveFresh(world.accounts.admin.client, label);
  const input = {
    workspace: world.ws,
    promptId: world.promptId,
    revisionId,
    runAt: new Date(Date.now() + 3_600_000).toISOString(),
    note: label,
  };
  return ok(
    await call<{ id: string }>(world.accounts.admin.client, paths.prompt(), KEYS.scheduleRelease, input),
    `scheduleRelease (${label})`,
  ).id;
}

const REVIEW_STATUS = /title="(?:Waiting for decisions|Closed without publishing|Published as a release)"[^>]*>(open|closed|published)</;

/** A review as its page shows it: its status and the revision it reviews. */
async function reviewView(reviewId: string): Promise<{ status: string; revision: number }> {
  const html = await pageHtml(paths.review(reviewId));
  const status = REVIEW_STATUS.exec(html)?.[1];
  const revision = /Review of r(?:<!-- -->)?(\d+)/.exec(html)?.[1];
  if (!status || !revision) throw new Error(`The review page of ${reviewId} shows no status or revision`);
  return { status, revision: Number(revision) };
}

// ---- Making each allowed call valid on its own -------------------------------------------

/** The content with its first block rewritten, so it differs from everything before it. */
function freshContent(content: Content, label: string): Content {
  const copy = structuredClone(content);
  copy.blocks[0]!.body = `${label} ${nonce()}`;
  return copy;
}

/** `author` saves new content on top of the head; returns the new head and its content. */
async function saveFresh(author: APIRequestContext, label: string): Promise<{ revisionId: string; content: Content }> {
  const head = await draftHead();
  const content = freshContent(head.content, label);
  const input = { workspace: world.ws, promptId: world.promptId, baseRevisionId: head.id, content };
  const saved = ok(
    await call<{ saved: boolean; revision: { id: string } }>(author, paths.prompt(), KEYS.saveDraft, input),
    `saveDraft (${label})`,
  );
  return { revisionId: saved.revision.id, content };
}

async function publishFresh(label: string): Promise<void> {
  const { revisionId } = await saveFresh(world.accounts.admin.client, label);
  const input = { workspace: world.ws, promptId: world.promptId, revisionId, note: label };
  ok(await call(world.accounts.admin.client, paths.releases(), KEYS.publish, input), `publish (${label})`);
}

/** A release that production does not serve (publishing more until there is one). */
async function notLiveRelease(): Promise<{ id: string; version: number }> {
  while ((await releases()).versions.length < 2) await publishFresh('for a non-live release');
  const { versions, live, idOf } = await releases();
  const version = versions.find((v) => v !== live)!;
  return { id: idOf[version]!, version };
}

/** An open review of the head, requested by the second admin. */
async function openReview(label: string): Promise<string> {
  const input = { workspace: world.ws, promptId: world.promptId, title: label };
  return ok(
    await call<{ id: string }>(world.accounts.admin2.client, paths.reviews(), KEYS.requestReview, input),
    `requestReview (${label})`,
  ).id;
}

/** A review with one conversation on the draft's first line, started by `client`. */
async function openThread(label: string, client: APIRequestContext): Promise<{ reviewId: string; threadId: string }> {
  const reviewId = await openReview(label);
  const blockId = (await draftHead()).content.blocks[0]!.id;
  const input = { workspace: world.ws, promptId: world.promptId, reviewId, blockId, startLine: 1, endLine: 1, body: label };
  const thread = ok(await call<{ id: string }>(client, paths.review(reviewId), KEYS.createThread, input), `createThread (${label})`);
  return { reviewId, threadId: thread.id };
}

/** A comment written by `caller` when the caller may comment, else by the admin. */
async function ownComment(caller: Caller, label: string): Promise<{ reviewId: string; commentId: string }> {
  const author = expectedOutcome(caller, 'reviewer') === 'allowed' ? world.clients[caller] : world.accounts.admin.client;
  const { reviewId, threadId } = await openThread(label, author);
  const input = { workspace: world.ws, threadId, body: `${label}, a reply` };
  const reply = ok(await call<{ id: string }>(author, paths.review(reviewId), KEYS.replyToThread, input), `replyToThread (${label})`);
  return { reviewId, commentId: reply.id };
}

async function createTestCaseAsAdmin(name: string, assertions: unknown[] = [{ type: 'renders', target: 'prompt' }]): Promise<string> {
  const input = { workspace: world.ws, promptId: world.promptId, testCase: { name, variables: {}, assertions } };
  return ok(await call<{ id: string }>(world.accounts.admin.client, paths.tests(), KEYS.createTestCase, input), `createTestCase (${name})`)
    .id;
}

async function createProviderAsAdmin(name: string, baseUrl: string, model = 'matrix-model'): Promise<string> {
  const input = { workspace: world.ws, name, baseUrl, model };
  return ok(
    await call<{ id: string }>(world.accounts.admin.client, paths.settings(), KEYS.createProvider, input),
    `createProvider (${name})`,
  ).id;
}

async function startRunAsAdmin(providerId: string): Promise<string> {
  const input = { workspace: world.ws, promptId: world.promptId, providerId };
  return ok(await call<{ id: string }>(world.accounts.admin.client, paths.tests(), KEYS.startRun, input), 'startRun').id;
}

/** Targets that refused calls leave in place and an allowed call uses up: reused while they last. */
const targets: {
  finishedRun?: string;
  runningRun?: string;
  revokeInvitation?: string;
  revokeKey?: string;
  revokeToken?: string;
  removeMember?: string;
  deleteProvider?: string;
  deleteTestCase?: string;
  webhook?: string;
  deleteWebhook?: string;
  /** Whose inbox and follow the notification rows act on (members act on their own). */
  owner?: Role;
} = {};

// ---- Webhooks and the inbox ----------------------------------------------------------------

const WEBHOOK_URL = 'http://127.0.0.1:9/matrix-hook';
type EndpointView = { id: string; enabled: boolean };

async function endpoints(): Promise<EndpointView[]> {
  const rows = propOf(flightOf(await pageHtml(`/w/${world.ws}/settings/webhooks`)), 'endpoints') as EndpointView[];
  return rows.map(({ id, enabled }) => ({ id, enabled }));
}

async function newEndpoint(label: string): Promise<string> {
  const input = { workspace: world.ws, url: WEBHOOK_URL, description: label, events: ['release.published'], format: 'standard' };
  return ok(await call<{ id: string }>(world.accounts.admin.client, paths.settings(), KEYS.createWebhook, input), 'createWebhook').id;
}

async function webhookTarget(): Promise<string> {
  if (!targets.webhook || !(await endpoints()).some((e) => e.id === targets.webhook)) targets.webhook = await newEndpoint('matrix');
  return targets.webhook;
}

async function deliveriesOf(endpointId: string): Promise<{ id: string }[]> {
  const html = await pageHtml(`/w/${world.ws}/settings/webhooks/${endpointId}`);
  return (propOf(flightOf(html), 'deliveries') as { id: string }[]).map(({ id }) => ({ id }));
}

/** A member acts on their own inbox; a visitor or an outsider tries the viewer's. */
function ownerOf(caller: Caller): Role {
  return caller === 'unauthenticated' || caller === 'outsider' ? 'viewer' : caller;
}

async function inbox(owner: Role): Promise<{ id: string; read: boolean }[]> {
  const response = await world.accounts[owner].client.get(`/w/${world.ws}/inbox`);
  const flight = flightOf(await response.text());
  if (!flight.includes('"items":')) return [];
  return (propOf(flight, 'items') as { id: string; read: boolean }[]).map(({ id, read }) => ({ id, read }));
}

async function following(owner: Role): Promise<boolean> {
  const html = await (await world.accounts[owner].client.get(paths.prompt())).text();
  return propOf(flightOf(html), 'following') as boolean;
}

/** Gives `owner` an unread notification: they follow the prompt, and someone else publishes it. */
async function unreadFor(owner: Role): Promise<string> {
  const client = world.accounts[owner].client;
  ok(await call(client, paths.prompt(), KEYS.followPrompt, { workspace: world.ws, promptId: world.promptId, follow: true }), 'follow');
  const publisher = owner === 'admin' ? world.accounts.publisher.client : world.accounts.admin.client;
  const { revisionId } = await saveFresh(publisher, `for ${owner}'s inbox`);
  ok(
    await call(publisher, paths.releases(), KEYS.publish, {
      workspace: world.ws,
      promptId: world.promptId,
      revisionId,
      note: `for ${owner}'s inbox`,
    }),
    'publish',
  );
  const unread = (await inbox(owner)).find((n) => !n.read);
  if (!unread) throw new Error(`no unread notification for ${owner}`);
  return unread.id;
}

async function finishedRun(): Promise<string> {
  if (!targets.finishedRun) {
    const runId = await startRunAsAdmin(world.providers.dead);
    await expect
      .poll(async () => (await runStatus(runId)).finished, { message: 'a run on a dead provider finishes', timeout: 30_000 })
      .toBe(true);
    targets.finishedRun = runId;
  }
  return targets.finishedRun;
}

async function runningRun(): Promise<string> {
  if (!targets.runningRun || (await runStatus(targets.runningRun)).status !== 'running')
    targets.runningRun = await startRunAsAdmin(world.providers.hanging);
  return targets.runningRun;
}

// ---- The matrix --------------------------------------------------------------------------

interface CaseSpec<I, S> {
  /** The permission the action declares (workspaceAction(schema, permission, …)); minRole follows from ACTION_MIN_ROLE. */
  permission: Action;
  minRole?: Role;
  key: ActionKey;
  /** A page whose bundle uses the action. */
  page: (input: I) => string;
  /** The input `caller` sends: valid, so it would succeed if authorization were missing. */
  input: (caller: Caller) => Promise<I>;
  /** The state the action would change, as the admin sees it in the app. */
  observe: (input: I) => Promise<S>;
  /** For an allowed call: the change it made is visible. */
  changed: (before: S, after: S, input: I, data: unknown) => void;
}

interface MatrixCase<I, S> extends CaseSpec<I, S> {
  minRole: Role;
}

/** A row names its permission; minRole, if also given, must agree with lib/authz-rules. */
function defineCase<I, S>(c: CaseSpec<I, S>): MatrixCase<unknown, unknown> {
  const minRole = ACTION_MIN_ROLE[c.permission];
  if (c.minRole !== undefined && c.minRole !== minRole)
    throw new Error(`${c.key}: minRole ${c.minRole} but ACTION_MIN_ROLE['${c.permission}'] is ${minRole}`);
  return { ...c, minRole } as MatrixCase<unknown, unknown>;
}

const MATRIX: Record<string, MatrixCase<unknown, unknown>> = {
  'save draft': defineCase({
    permission: 'draft.save',
    minRole: 'editor',
    key: KEYS.saveDraft,
    page: () => paths.prompt(),
    input: async (caller: Caller) => {
      const head = await draftHead();
      return {
        workspace: world.ws,
        promptId: world.promptId,
        baseRevisionId: head.id,
        content: freshContent(head.content, `saved by ${caller}`),
      };
    },
    observe: async () => {
      const head = await draftHead();
      return { id: head.id, number: head.number };
    },
    changed: (before, after, _input, data) => {
      expect.soft(data).toMatchObject({ saved: true, revision: { id: after.id, number: before.number + 1 } });
    },
  }),

  'request review': defineCase({
    permission: 'review.request',
    minRole: 'editor',
    key: KEYS.requestReview,
    page: () => paths.reviews(),
    input: async (caller: Caller) => ({ workspace: world.ws, promptId: world.promptId, title: `Requested by ${caller}` }),
    observe: () => reviewRowCount(),
    changed: (before, after) => expect.soft(after, 'one more review').toBe(before + 1),
  }),

  approve: defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.decideReview,
    page: (input) => paths.review(input.reviewId),
    // A fresh open review per call, written and requested by the second admin, so no caller
    // (the editor included) is refused merely for approving their own change.
    input: async (caller: Caller) => {
      const author = world.accounts.admin2.client;
      const { content } = await saveFresh(author, `for ${caller} to approve`);
      const review = ok(
        await call<{ id: string }>(author, paths.reviews(), KEYS.requestReview, { workspace: world.ws, promptId: world.promptId }),
        'requestReview',
      );
      return {
        workspace: world.ws,
        promptId: world.promptId,
        reviewId: review.id,
        decision: 'approve',
        comment: '',
        expectedContentHash: contentHash(content),
      };
    },
    observe: (input) => decisionsOn(input.reviewId),
    changed: (before, after) => expect.soft(after, 'one more approval').toEqual([...before, 'approve']),
  }),

  'comment on a line': defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.createThread,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => {
      const blockId = (await draftHead()).content.blocks[0]!.id;
      return {
        workspace: world.ws,
        promptId: world.promptId,
        reviewId: await openReview(`for ${caller} to comment`),
        blockId,
        startLine: 1,
        endLine: 1,
        body: `by ${caller}`,
      };
    },
    observe: async (input) => [...(await pageHtml(paths.review(input.reviewId))).matchAll(/aria-label="Conversation on/g)].length,
    changed: (before, after) => expect.soft(after, 'one more conversation').toBe(before + 1),
  }),

  'resolve a conversation': defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.setThreadResolved,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => {
      const blockId = (await draftHead()).content.blocks[0]!.id;
      const reviewId = await openReview(`for ${caller} to resolve`);
      const thread = ok(
        await call<{ id: string }>(world.accounts.admin.client, paths.review(reviewId), KEYS.createThread, {
          workspace: world.ws,
          promptId: world.promptId,
          reviewId,
          blockId,
          startLine: 1,
          endLine: 1,
          body: 'to resolve',
        }),
        'createThread',
      );
      return { workspace: world.ws, reviewId, threadId: thread.id, resolved: true };
    },
    observe: async (input) => [...(await pageHtml(paths.review(input.reviewId))).matchAll(/>Resolved</g)].length,
    changed: (before, after) => expect.soft(after, 'the conversation is resolved').toBe(before + 1),
  }),

  'reply to a conversation': defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.replyToThread,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => {
      const { reviewId, threadId } = await openThread(`for ${caller} to reply`, world.accounts.admin.client);
      return { workspace: world.ws, reviewId, threadId, body: `reply${nonce()}by${caller}` };
    },
    observe: async (input) => Number((await pageHtml(paths.review(input.reviewId))).includes(input.body)),
    changed: (before, after) => expect.soft(after, 'the reply is shown').toBe(before + 1),
  }),

  'edit your own comment': defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.editComment,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => {
      // The comment is the caller's own when the caller may comment at all; a caller below the
      // role is refused by the role before ownership is looked at.
      const { reviewId, commentId } = await ownComment(caller, `for ${caller} to edit`);
      return { workspace: world.ws, reviewId, commentId, body: `edited${nonce()}by${caller}` };
    },
    observe: async (input) => Number((await pageHtml(paths.review(input.reviewId))).includes(input.body)),
    changed: (before, after) => expect.soft(after, 'the edited text is shown').toBe(before + 1),
  }),

  'delete your own comment': defineCase({
    permission: 'review.decide',
    minRole: 'reviewer',
    key: KEYS.deleteComment,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => {
      const { reviewId, commentId } = await ownComment(caller, `for ${caller} to delete`);
      return { workspace: world.ws, reviewId, commentId };
    },
    observe: async (input) => (await pageHtml(paths.review(input.reviewId))).split('This comment was deleted.').length - 1,
    changed: (before, after) => expect.soft(after, 'the comment shows as deleted').toBe(before + 1),
  }),

  publish: defineCase({
    permission: 'release.publish',
    minRole: 'publisher',
    key: KEYS.publish,
    page: () => paths.releases(),
    // Publishing needs content that production does not serve yet.
    input: async (caller: Caller) => {
      const { revisionId } = await saveFresh(world.accounts.admin.client, `for ${caller} to publish`);
      return { workspace: world.ws, promptId: world.promptId, revisionId, note: `Published by ${caller}` };
    },
    observe: () => releases(),
    changed: (before, after) => {
      const next = Math.max(0, ...before.versions) + 1;
      expect.soft(after.versions, 'a new release').toEqual([next, ...before.versions]);
      expect.soft(after.live, 'the new release is live').toBe(next);
    },
  }),

  rollback: defineCase({
    permission: 'release.rollback',
    minRole: 'publisher',
    key: KEYS.rollback,
    page: () => paths.releases(),
    // Rolling back needs a release that is not live.
    input: async () => {
      while ((await releases()).versions.length < 2) await publishFresh('for rollback');
      const { versions, live, idOf } = await releases();
      const target = versions.find((v) => v !== live)!;
      return { workspace: world.ws, promptId: world.promptId, releaseId: idOf[target]! };
    },
    observe: () => releases(),
    changed: (before, after, input) => {
      const target = Number(Object.entries(before.idOf).find(([, id]) => id === input.releaseId)?.[0]);
      expect.soft(after.live, 'production serves the chosen release').toBe(target);
      expect.soft(after.versions, 'no release is added or removed').toEqual(before.versions);
    },
  }),

  'change policy': defineCase({
    permission: 'policy.change',
    minRole: 'admin',
    key: KEYS.updateWorkspacePolicy,
    page: () => paths.settings(),
    // Every field differs from the current policy, so any partial write shows.
    input: async () => {
      const current = await workspacePolicy();
      const reviewerId = (await members()).find((m) => m.role === 'reviewer')!.userId;
      return {
        workspace: world.ws,
        requiredApprovals: (current.requiredApprovals + 1) % 3,
        allowSelfApproval: !current.allowSelfApproval,
        requirePassingEvaluation: !current.requirePassingEvaluation,
        requireResolvedConversations: !current.requireResolvedConversations,
        draftPolicy: current.draftPolicy === 'reset' ? 'retain' : 'reset',
        designatedReviewerIds: current.designatedReviewerIds.length ? [] : [reviewerId],
      } as const;
    },
    observe: () => workspacePolicy(),
    changed: (_before, after, input) => expect.soft({ workspace: world.ws, ...after }, 'the new policy').toEqual(input),
  }),

  'change role': defineCase({
    permission: 'member.role_change',
    minRole: 'admin',
    key: KEYS.changeRole,
    page: () => paths.settings(),
    // Members below admin try to make themselves admin; a visitor and an outsider try it for
    // the viewer. The admin demotes the second admin (not the last admin, so it is allowed).
    input: async (caller: Caller) => {
      const { accounts } = world;
      const membershipId =
        caller === 'admin'
          ? accounts.admin2.membershipId
          : caller === 'unauthenticated' || caller === 'outsider'
            ? accounts.viewer.membershipId
            : accounts[caller].membershipId;
      return { workspace: world.ws, membershipId, role: caller === 'admin' ? 'reviewer' : 'admin' } as const;
    },
    observe: () => rolesByEmail(),
    changed: (before, after) =>
      expect.soft(after, 'only the second admin changed').toEqual({ ...before, [world.accounts.admin2.email]: 'reviewer' }),
  }),

  // ---- Read-only actions: an allowed caller gets the data, a refused one only the error ----

  'load draft head': defineCase({
    permission: 'prompt.read',
    key: KEYS.loadDraftHead,
    page: () => paths.prompt(),
    input: async () => ({ workspace: world.ws, promptId: world.promptId }),
    observe: async () => {
      const head = await draftHead();
      return { id: head.id, number: head.number, hash: contentHash(head.content) };
    },
    changed: (before, _after, _input, data) => {
      const head = data as { id: string; number: number; content: Content };
      expect.soft({ id: head.id, number: head.number }, 'the draft head').toEqual({ id: before.id, number: before.number });
      expect.soft(contentHash(head.content), 'the draft head content').toBe(before.hash);
    },
  }),

  'preview include': defineCase({
    permission: 'prompt.read',
    key: KEYS.previewInclude,
    page: () => paths.prompt(),
    // The matrix prompt itself, once it has a release: the preview resolves it (saving is what refuses a self-include).
    input: async () => {
      while ((await releases()).versions.length < 1) await publishFresh('for an include preview');
      return { workspace: world.ws, promptId: world.promptId, promptSlug: world.promptSlug, pin: 'production' };
    },
    observe: async () => (await draftHead()).id,
    changed: (before, after, _input, data) => {
      expect.soft(after, 'nothing saved').toBe(before);
      expect.soft((data as { slug: string }).slug, 'the resolved release').toBe(world.promptSlug);
    },
  }),

  'update includes': defineCase({
    permission: 'draft.save',
    minRole: 'editor',
    key: KEYS.updateIncludes,
    page: () => paths.prompt(),
    input: async () => ({ workspace: world.ws, promptId: world.promptId, baseRevisionId: (await draftHead()).id }),
    observe: async () => {
      const head = await draftHead();
      return { id: head.id, number: head.number };
    },
    // The matrix prompt includes nothing, so an allowed update answers with the head unchanged.
    changed: (before, after, _input, data) => {
      expect.soft(data, 'the head, nothing to update').toMatchObject({ saved: false, revision: { id: before.id, number: before.number } });
      expect.soft(after).toEqual(before);
    },
  }),

  'load publish diff': defineCase({
    permission: 'prompt.read',
    key: KEYS.loadPublishDiff,
    page: () => paths.prompt(),
    input: async () => ({ workspace: world.ws, promptId: world.promptId, revisionNumber: (await draftHead()).number }),
    observe: async () => {
      const head = await draftHead();
      return { number: head.number, hash: contentHash(head.content) };
    },
    changed: (before, _after, input, data) => {
      const diff = data as { candidate: { label: string; content: Content } | null };
      expect.soft(diff.candidate?.label, 'the revision the dialog publishes').toBe(`r${input.revisionNumber}`);
      expect.soft(contentHash(diff.candidate!.content), 'its content').toBe(before.hash);
    },
  }),

  'get run status': defineCase({
    permission: 'prompt.read',
    key: KEYS.getRunStatus,
    page: () => paths.tests(),
    // A finished run, so nothing moves between the observations.
    input: async () => ({ workspace: world.ws, promptId: world.promptId, runId: await finishedRun() }),
    observe: (input) => runStatus(input.runId),
    changed: (before, _after, input, data) => {
      expect.soft(data, 'the run and its status').toMatchObject({ run: { id: input.runId, status: before.status }, finished: true });
    },
  }),

  // ---- Prompts, drafts, history, deployments ------------------------------------------------

  'create prompt': defineCase({
    permission: 'prompt.create',
    key: KEYS.createPrompt,
    page: () => paths.newPrompt(),
    input: async (caller: Caller) => {
      const slug = `by-${caller}-${nonce()}`;
      return { workspace: world.ws, name: `Created by ${caller}`, slug };
    },
    observe: (input) => promptPageStatus(input.slug),
    changed: (before, after, input, data) => {
      expect.soft(before, 'the prompt did not exist').toBe(404);
      expect.soft(after, 'the prompt exists').toBe(200);
      expect.soft(data).toEqual({ slug: input.slug });
    },
  }),

  'restore revision': defineCase({
    permission: 'revision.restore',
    key: KEYS.restoreRevision,
    page: (input) => paths.revision(input.number),
    // The head before a fresh save: an older revision whose content differs from the head.
    input: async (caller: Caller) => {
      const old = await draftHead();
      await saveFresh(world.accounts.admin.client, `before ${caller} restores`);
      return { workspace: world.ws, promptId: world.promptId, revisionId: old.id, number: old.number, hash: contentHash(old.content) };
    },
    observe: async () => {
      const head = await draftHead();
      return { id: head.id, number: head.number, hash: contentHash(head.content) };
    },
    changed: (before, after, input, data) => {
      expect.soft(data, 'a new revision').toMatchObject({ restored: true, revision: { id: after.id, number: before.number + 1 } });
      expect.soft(after.hash, 'the head has the restored content').toBe(input.hash);
    },
  }),

  'stage revision': defineCase({
    permission: 'staging.pin',
    key: KEYS.stageRevision,
    page: () => paths.prompt(),
    // A fresh revision per call, so staging always moves.
    input: async (caller: Caller) => {
      const { revisionId } = await saveFresh(world.accounts.admin.client, `for ${caller} to stage`);
      return { workspace: world.ws, promptId: world.promptId, revisionId, number: (await draftHead()).number };
    },
    observe: () => staged(),
    changed: (before, after, input, data) => {
      expect.soft(before, 'staging served something else').not.toBe(input.number);
      expect.soft(after, 'staging serves the revision').toBe(input.number);
      expect.soft(data).toEqual({ revisionNumber: input.number, changed: true });
    },
  }),

  'promote staging': defineCase({
    permission: 'release.publish',
    key: KEYS.promoteStaging,
    page: () => paths.prompt(),
    // A fresh revision staged by the admin, promoted with the hash staging serves.
    input: async (caller: Caller) => {
      const { revisionId, content } = await saveFresh(world.accounts.admin.client, `for ${caller} to promote`);
      const stage = { workspace: world.ws, promptId: world.promptId, revisionId };
      ok(await call(world.accounts.admin.client, paths.prompt(), KEYS.stageRevision, stage), 'stageRevision (to promote)');
      return { ...stage, contentHash: contentHash(content), note: `Promoted by ${caller}` };
    },
    observe: () => releases(),
    changed: (before, after) => {
      const next = Math.max(0, ...before.versions) + 1;
      expect.soft(after.versions, 'a new release').toEqual([next, ...before.versions]);
      expect.soft(after.live, 'the promoted release is live').toBe(next);
    },
  }),

  'schedule release': defineCase({
    permission: 'release.publish',
    key: KEYS.scheduleRelease,
    page: () => paths.prompt(),
    // One pending schedule per prompt: the admin cancels the last caller's first.
    input: async (caller: Caller) => {
      const pending = await pendingSchedule();
      if (pending) {
        const cancel = { workspace: world.ws, promptId: world.promptId, scheduleId: pending.id };
        ok(await call(world.accounts.admin.client, paths.prompt(), KEYS.cancelScheduledRelease, cancel), 'cancelScheduledRelease');
      }
      const { revisionId } = await saveFresh(world.accounts.admin.client, `for ${caller} to schedule`);
      return {
        workspace: world.ws,
        promptId: world.promptId,
        revisionId,
        runAt: new Date(Date.now() + 3_600_000).toISOString(),
        note: caller,
      };
    },
    observe: () => pendingSchedule(),
    changed: (before, after, _input, data) => {
      expect.soft(before, 'nothing was scheduled').toBeNull();
      expect.soft(after?.id, 'the new schedule is pending').toBe((data as { id: string }).id);
    },
  }),

  'cancel scheduled release': defineCase({
    permission: 'release.publish',
    key: KEYS.cancelScheduledRelease,
    page: () => paths.prompt(),
    input: async (caller: Caller) => {
      const scheduleId = (await pendingSchedule())?.id ?? (await scheduleAsAdmin(`for ${caller} to cancel`));
      return { workspace: world.ws, promptId: world.promptId, scheduleId };
    },
    observe: () => pendingSchedule(),
    changed: (before, after, input) => {
      expect.soft(before?.id, 'it was pending').toBe(input.scheduleId);
      expect.soft(after, 'nothing is pending').toBeNull();
    },
  }),

  'set canary': defineCase({
    permission: 'canary.set',
    key: KEYS.setCanary,
    page: () => paths.releases(),
    // A release production does not serve, at a percent no other caller uses.
    input: async (caller: Caller) => {
      const target = await notLiveRelease();
      return {
        workspace: world.ws,
        promptId: world.promptId,
        releaseId: target.id,
        version: target.version,
        percent: 5 + 10 * CALLERS.indexOf(caller),
      };
    },
    observe: () => canary(),
    changed: (before, after, input, data) => {
      expect.soft(before, 'the canary was different').not.toEqual({ version: input.version, percent: input.percent });
      expect.soft(after, 'the canary').toEqual({ version: input.version, percent: input.percent });
      expect.soft(data).toEqual({ canary: { version: input.version, percent: input.percent } });
    },
  }),

  // ---- Reviews ------------------------------------------------------------------------------

  'update review to head': defineCase({
    permission: 'review.request',
    key: KEYS.updateReviewToHead,
    page: (input) => paths.review(input.reviewId),
    // A review of the head, then the head moves on.
    input: async (caller: Caller) => {
      const reviewId = await openReview(`for ${caller} to update`);
      await saveFresh(world.accounts.admin.client, `after the review for ${caller}`);
      return { workspace: world.ws, promptId: world.promptId, reviewId };
    },
    observe: (input) => reviewView(input.reviewId),
    changed: (before, after, _input, data) => {
      expect.soft(after, 'the review moved to the head').toEqual({ status: 'open', revision: before.revision + 1 });
      expect.soft(data).toEqual({ revisionNumber: before.revision + 1 });
    },
  }),

  'close review': defineCase({
    permission: 'review.request',
    key: KEYS.closeReview,
    page: (input) => paths.review(input.reviewId),
    input: async (caller: Caller) => ({
      workspace: world.ws,
      promptId: world.promptId,
      reviewId: await openReview(`for ${caller} to close`),
    }),
    observe: (input) => reviewView(input.reviewId),
    changed: (before, after) => {
      expect.soft(before.status).toBe('open');
      expect.soft(after, 'the review is closed').toEqual({ ...before, status: 'closed' });
    },
  }),

  // ---- Test cases and runs ------------------------------------------------------------------

  'create test case': defineCase({
    permission: 'testcase.edit',
    key: KEYS.createTestCase,
    page: () => paths.tests(),
    input: async (caller: Caller) => ({
      workspace: world.ws,
      promptId: world.promptId,
      testCase: { name: `Case by ${caller} ${nonce()}`, variables: {}, assertions: [{ type: 'renders', target: 'prompt' }] },
    }),
    observe: async () => (await testsView()).cases,
    changed: (before, after, input, data) => {
      const id = (data as { id: string }).id;
      expect.soft(after, 'one more test case').toEqual([...before, { id, name: input.testCase.name }]);
    },
  }),

  'update test case': defineCase({
    permission: 'testcase.edit',
    key: KEYS.updateTestCase,
    page: () => paths.tests(),
    input: async (caller: Caller) => ({
      workspace: world.ws,
      promptId: world.promptId,
      testCaseId: world.updateTestCaseId,
      testCase: { name: `Renamed by ${caller} ${nonce()}`, variables: {}, assertions: [{ type: 'renders', target: 'prompt' }] },
    }),
    observe: async () => (await testsView()).cases,
    changed: (before, after, input) => {
      const renamed = before.map((c) => (c.id === input.testCaseId ? { ...c, name: input.testCase.name } : c));
      expect.soft(after, 'the case has its new name').toEqual(renamed);
      expect.soft(before.some((c) => c.name === input.testCase.name)).toBe(false);
    },
  }),

  'delete test case': defineCase({
    permission: 'testcase.edit',
    key: KEYS.deleteTestCase,
    page: () => paths.tests(),
    input: async () => {
      const { cases } = await testsView();
      if (!targets.deleteTestCase || !cases.some((c) => c.id === targets.deleteTestCase))
        targets.deleteTestCase = await createTestCaseAsAdmin(`Delete me ${nonce()}`);
      return { workspace: world.ws, promptId: world.promptId, testCaseId: targets.deleteTestCase };
    },
    observe: async () => (await testsView()).cases,
    changed: (before, after, input) => {
      expect.soft(before.some((c) => c.id === input.testCaseId)).toBe(true);
      expect.soft(after, 'the case is gone').toEqual(before.filter((c) => c.id !== input.testCaseId));
    },
  }),

  'start run': defineCase({
    permission: 'evaluation.run',
    key: KEYS.startRun,
    page: () => paths.tests(),
    input: async () => ({ workspace: world.ws, promptId: world.promptId, providerId: world.providers.dead }),
    observe: async () => (await testsView()).latestRunId,
    changed: (before, after, _input, data) => {
      const id = (data as { id: string }).id;
      expect.soft(after, 'the new run is the latest').toBe(id);
      expect.soft(before).not.toBe(id);
    },
  }),

  'cancel run': defineCase({
    permission: 'evaluation.run',
    key: KEYS.cancelRun,
    page: () => paths.tests(),
    // A run on the provider that never answers: it stays running until someone cancels it.
    input: async () => ({ workspace: world.ws, promptId: world.promptId, runId: await runningRun() }),
    observe: (input) => runStatus(input.runId),
    changed: (before, after, _input, data) => {
      expect.soft(before.status).toBe('running');
      expect.soft(after, 'the run is cancelled').toEqual({ ...before, status: 'cancelled', finished: true });
      expect.soft(data).toEqual({ status: 'cancelled' });
    },
  }),

  // ---- Workspace settings: policy, members, API keys, providers ------------------------------

  'change prompt policy': defineCase({
    permission: 'policy.change',
    key: KEYS.updatePromptPolicy,
    page: () => paths.promptSettings(),
    // Every field differs from the current override (keepingPolicyAndRoles puts it back).
    input: async () => {
      const current = await promptPolicy();
      const reviewerId = (await members()).find((m) => m.role === 'reviewer')!.userId;
      return {
        workspace: world.ws,
        promptId: world.promptId,
        requiredApprovals: current.requiredApprovals === null ? 2 : null,
        allowSelfApproval: current.allowSelfApproval === null ? true : null,
        requirePassingEvaluation: current.requirePassingEvaluation === null ? true : null,
        requireResolvedConversations: current.requireResolvedConversations === null ? true : null,
        draftPolicy: current.draftPolicy === null ? 'retain' : null,
        designatedReviewerIds: current.designatedReviewerIds.length ? [] : [reviewerId],
      } as const;
    },
    observe: () => promptPolicy(),
    changed: (_before, after, input) =>
      expect.soft({ workspace: world.ws, promptId: world.promptId, ...after }, 'the new override').toEqual(input),
  }),

  'change approval chain': defineCase({
    permission: 'policy.change',
    key: KEYS.updateApprovalChain,
    page: () => paths.settings(),
    // A tag rule for a tag the matrix prompt does not have, toggled, so publishing is unaffected.
    input: async () => {
      const current = await approvalChain();
      const rule = { tag: 'authz-matrix', stage: { name: 'Matrix', approvers: { kind: 'role', minRole: 'publisher' }, required: 1 } };
      return { workspace: world.ws, stages: [], tagRules: current.tagRules.length ? [] : [rule] };
    },
    observe: () => approvalChain(),
    changed: (before, after) => expect.soft(after.tagRules.length, 'the tag rule toggled').toBe(before.tagRules.length ? 0 : 1),
  }),

  'invite member': defineCase({
    permission: 'member.invite',
    key: KEYS.inviteMember,
    page: () => paths.settings(),
    // Nobody has an account with this address, so the invitation stays pending.
    input: async (caller: Caller) => ({ workspace: world.ws, email: `invitee-${caller}-${nonce()}@example.test`, role: 'viewer' }) as const,
    observe: () => invitations(),
    changed: (before, after, input, data) => {
      expect.soft(data, 'the link, shown once').toMatchObject({ path: expect.stringMatching(/^\/invite\/gli_[0-9A-Za-z]{40}$/) });
      expect
        .soft(
          after.map((i) => i.email),
          'one more invitation',
        )
        .toEqual([...before.map((i) => i.email), input.email]);
    },
  }),

  'revoke invitation': defineCase({
    permission: 'member.invite',
    key: KEYS.revokeInvitation,
    page: () => paths.settings(),
    input: async () => {
      if (!targets.revokeInvitation || !(await invitations()).some((i) => i.id === targets.revokeInvitation)) {
        const input = { workspace: world.ws, email: `revoke-me-${nonce()}@example.test`, role: 'editor' };
        targets.revokeInvitation = ok(
          await call<{ invitationId: string }>(world.accounts.admin.client, paths.settings(), KEYS.inviteMember, input),
          'inviteMember',
        ).invitationId;
      }
      return { workspace: world.ws, invitationId: targets.revokeInvitation };
    },
    observe: () => invitations(),
    changed: (before, after, input) => {
      expect.soft(before.some((i) => i.id === input.invitationId)).toBe(true);
      expect.soft(after, 'the invitation is gone').toEqual(before.filter((i) => i.id !== input.invitationId));
    },
  }),

  'remove member': defineCase({
    permission: 'member.remove',
    key: KEYS.removeMember,
    page: () => paths.settings(),
    // A member added for this: the callers the matrix relies on stay.
    input: async () => {
      if (!targets.removeMember || !(await members()).some((m) => m.membershipId === targets.removeMember)) {
        const victim = await world.newAccount(`victim-${nonce()}`);
        targets.removeMember = (await join(world.accounts.admin.client, world.ws, victim, 'viewer')).membershipId;
      }
      return { workspace: world.ws, membershipId: targets.removeMember };
    },
    observe: () => members(),
    changed: (before, after, input) => {
      expect.soft(before.some((m) => m.membershipId === input.membershipId)).toBe(true);
      expect.soft(after, 'the member is gone').toEqual(before.filter((m) => m.membershipId !== input.membershipId));
    },
  }),

  'issue password reset link': defineCase({
    permission: 'member.reset_password',
    key: KEYS.issuePasswordReset,
    page: () => paths.settings(),
    // For the viewer, whose only other workspace is their own unused one (so an admin may).
    input: async () => ({ workspace: world.ws, membershipId: world.accounts.viewer.membershipId }),
    observe: () => auditTrail(),
    changed: (before, after, _input, data) => {
      expect.soft(data, 'the link, shown once').toMatchObject({ path: expect.stringMatching(/^\/reset\/glr_[0-9A-Za-z]{40}$/) });
      expect
        .soft(after[0], 'the newest event is the reset link for the viewer')
        .toMatch(/member\.password_reset_issue[\s\S]*authz-viewer-/);
      expect.soft(after.slice(1), 'nothing else happened').toEqual(before.slice(0, after.length - 1));
    },
  }),

  'create API key': defineCase({
    permission: 'apikey.manage',
    key: KEYS.createApiKey,
    page: () => paths.settings(),
    input: async (caller: Caller) => ({ workspace: world.ws, name: `Key by ${caller} ${nonce()}`, environment: 'staging' }) as const,
    observe: () => apiKeys(),
    changed: (before, after, input, data) => {
      const created = data as { id: string; key: string };
      expect.soft(created.key, 'the full key is returned once').toMatch(/\S{20,}/);
      expect.soft(after.map((k) => k.id).sort(), 'one more key').toEqual([...before.map((k) => k.id), created.id].sort());
      expect
        .soft(after.find((k) => k.id === created.id))
        .toEqual({ id: created.id, name: input.name, environment: 'staging', revoked: false });
    },
  }),

  'revoke API key': defineCase({
    permission: 'apikey.manage',
    key: KEYS.revokeApiKey,
    page: () => paths.settings(),
    input: async () => {
      if (!targets.revokeKey || (await apiKeys()).find((k) => k.id === targets.revokeKey)?.revoked !== false) {
        const input = { workspace: world.ws, name: `Revoke me ${nonce()}`, environment: 'development' };
        targets.revokeKey = ok(
          await call<{ id: string }>(world.accounts.admin.client, paths.settings(), KEYS.createApiKey, input),
          'createApiKey',
        ).id;
      }
      return { workspace: world.ws, keyId: targets.revokeKey };
    },
    observe: () => apiKeys(),
    changed: (before, after, input) => {
      expect.soft(before.find((k) => k.id === input.keyId)?.revoked).toBe(false);
      expect.soft(after, 'the key is revoked').toEqual(before.map((k) => (k.id === input.keyId ? { ...k, revoked: true } : k)));
    },
  }),

  'create service token': defineCase({
    permission: 'servicetoken.manage',
    key: KEYS.createServiceToken,
    page: () => paths.settings(),
    input: async (caller: Caller) =>
      ({ workspace: world.ws, name: `Token by ${caller} ${nonce()}`, role: 'editor', expiresInDays: 30 }) as const,
    observe: () => serviceTokens(),
    changed: (before, after, input, data) => {
      const created = data as { id: string; token: string };
      expect.soft(created.token, 'the full token is returned once').toMatch(/^gst_[0-9A-Za-z]{40}$/);
      expect.soft(after.map((t) => t.id).sort(), 'one more token').toEqual([...before.map((t) => t.id), created.id].sort());
      expect.soft(after.find((t) => t.id === created.id)).toEqual({ id: created.id, name: input.name, role: 'editor', status: 'active' });
    },
  }),

  'revoke service token': defineCase({
    permission: 'servicetoken.manage',
    key: KEYS.revokeServiceToken,
    page: () => paths.settings(),
    input: async () => {
      if (!targets.revokeToken || (await serviceTokens()).find((t) => t.id === targets.revokeToken)?.status !== 'active') {
        const input = { workspace: world.ws, name: `Revoke me ${nonce()}`, role: 'viewer', expiresInDays: null };
        targets.revokeToken = ok(
          await call<{ id: string }>(world.accounts.admin.client, paths.settings(), KEYS.createServiceToken, input),
          'createServiceToken',
        ).id;
      }
      return { workspace: world.ws, tokenId: targets.revokeToken };
    },
    observe: () => serviceTokens(),
    changed: (before, after, input) => {
      expect.soft(before.find((t) => t.id === input.tokenId)?.status).toBe('active');
      expect.soft(after, 'the token is revoked').toEqual(before.map((t) => (t.id === input.tokenId ? { ...t, status: 'revoked' } : t)));
    },
  }),

  'create provider': defineCase({
    permission: 'provider.manage',
    key: KEYS.createProvider,
    page: () => paths.settings(),
    input: async (caller: Caller) => ({
      workspace: world.ws,
      name: `Provider by ${caller} ${nonce()}`,
      baseUrl: DEAD_BASE_URL,
      model: 'matrix-model',
      apiKey: 'sk-matrix-secret',
    }),
    observe: () => providers(),
    changed: (before, after, input, data) => {
      const id = (data as { id: string }).id;
      expect.soft(data, 'the key is not returned').toMatchObject({ id, name: input.name, hasApiKey: true });
      expect.soft(after.map((p) => p.id).sort(), 'one more provider').toEqual([...before.map((p) => p.id), id].sort());
      expect.soft(after.find((p) => p.id === id)).toEqual({ id, name: input.name, baseUrl: input.baseUrl, model: input.model });
    },
  }),

  'update provider': defineCase({
    permission: 'provider.manage',
    key: KEYS.updateProvider,
    page: () => paths.settings(),
    input: async (caller: Caller) => ({
      workspace: world.ws,
      providerId: world.providers.updateTarget,
      name: `Renamed by ${caller} ${nonce()}`,
      baseUrl: DEAD_BASE_URL,
      model: `model-${nonce()}`,
    }),
    observe: () => providers(),
    changed: (before, after, input) => {
      const { providerId: id, name, baseUrl, model } = input;
      expect.soft(after, 'the provider has its new settings').toEqual(before.map((p) => (p.id === id ? { id, name, baseUrl, model } : p)));
      expect.soft(before.find((p) => p.id === id)?.name).not.toBe(name);
    },
  }),

  'delete provider': defineCase({
    permission: 'provider.manage',
    key: KEYS.deleteProvider,
    page: () => paths.settings(),
    input: async () => {
      if (!targets.deleteProvider || !(await providers()).some((p) => p.id === targets.deleteProvider))
        targets.deleteProvider = await createProviderAsAdmin(`Delete me ${nonce()}`, DEAD_BASE_URL);
      return { workspace: world.ws, providerId: targets.deleteProvider };
    },
    observe: () => providers(),
    changed: (before, after, input) => {
      expect.soft(before.some((p) => p.id === input.providerId)).toBe(true);
      expect.soft(after, 'the provider is gone').toEqual(before.filter((p) => p.id !== input.providerId));
    },
  }),

  'create webhook': defineCase({
    permission: 'webhook.manage',
    key: KEYS.createWebhook,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async (caller: Caller) => ({
      workspace: world.ws,
      url: WEBHOOK_URL,
      description: `by ${caller} ${nonce()}`,
      events: ['release.published'],
      format: 'standard',
    }),
    observe: () => endpoints(),
    changed: (before, after, _input, data) => {
      const created = data as { id: string; secret: string };
      expect.soft(created.secret, 'the secret is returned once').toMatch(/^whsec_/);
      expect.soft(after, 'one more endpoint').toEqual([...before, { id: created.id, enabled: true }]);
    },
  }),

  'rotate webhook secret': defineCase({
    permission: 'webhook.manage',
    key: KEYS.rotateWebhook,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async () => ({ workspace: world.ws, endpointId: await webhookTarget() }),
    observe: () => auditTrail(),
    changed: (before, after, _input, data) => {
      expect.soft((data as { secret: string }).secret, 'a new secret').toMatch(/^whsec_/);
      expect.soft(after[0], 'the rotation is audited').toMatch(/webhook\.rotate_secret/);
      expect.soft(after.length).toBeGreaterThanOrEqual(before.length);
    },
  }),

  'enable or disable webhook': defineCase({
    permission: 'webhook.manage',
    key: KEYS.setWebhookEnabled,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async () => {
      const id = await webhookTarget();
      const current = (await endpoints()).find((e) => e.id === id)!;
      return { workspace: world.ws, endpointId: id, enabled: !current.enabled };
    },
    observe: () => endpoints(),
    changed: (before, after, input) => {
      expect.soft(after).toEqual(before.map((e) => (e.id === input.endpointId ? { ...e, enabled: input.enabled } : e)));
    },
  }),

  'delete webhook': defineCase({
    permission: 'webhook.manage',
    key: KEYS.deleteWebhook,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async () => {
      if (!targets.deleteWebhook || !(await endpoints()).some((e) => e.id === targets.deleteWebhook))
        targets.deleteWebhook = await newEndpoint('delete me');
      return { workspace: world.ws, endpointId: targets.deleteWebhook };
    },
    observe: () => endpoints(),
    changed: (before, after, input) => {
      expect.soft(after, 'the endpoint is gone').toEqual(before.filter((e) => e.id !== input.endpointId));
    },
  }),

  'send a test webhook': defineCase({
    permission: 'webhook.manage',
    key: KEYS.sendTestWebhook,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async () => ({ workspace: world.ws, endpointId: await webhookTarget() }),
    observe: (input) => deliveriesOf(input.endpointId),
    changed: (before, after) => {
      expect.soft(after.length, 'one more delivery').toBe(before.length + 1);
    },
  }),

  'redeliver webhook': defineCase({
    permission: 'webhook.manage',
    key: KEYS.redeliverWebhook,
    page: () => `/w/${world.ws}/settings/webhooks`,
    input: async () => {
      const endpointId = await webhookTarget();
      let [delivery] = await deliveriesOf(endpointId);
      if (!delivery) {
        ok(
          await call(world.accounts.admin.client, paths.settings(), KEYS.sendTestWebhook, { workspace: world.ws, endpointId }),
          'send test',
        );
        [delivery] = await deliveriesOf(endpointId);
      }
      return { workspace: world.ws, deliveryId: delivery!.id };
    },
    observe: () => auditTrail(),
    changed: (_before, after) => {
      expect.soft(after[0], 'the redelivery is audited').toMatch(/webhook\.redeliver/);
    },
  }),

  'follow a prompt': defineCase({
    permission: 'prompt.follow',
    key: KEYS.followPrompt,
    page: () => paths.prompt(),
    input: async (caller: Caller) => {
      targets.owner = ownerOf(caller);
      return { workspace: world.ws, promptId: world.promptId, follow: !(await following(targets.owner)) };
    },
    observe: () => following(targets.owner!),
    changed: (before, after, input) => {
      expect.soft(after, 'the follow flips').toBe(input.follow);
      expect.soft(before).toBe(!input.follow);
    },
  }),

  'mark a notification read': defineCase({
    permission: 'notification.read',
    key: KEYS.markRead,
    page: () => `/w/${world.ws}/inbox`,
    input: async (caller: Caller) => {
      targets.owner = ownerOf(caller);
      return { workspace: world.ws, notificationId: await unreadFor(targets.owner) };
    },
    observe: () => inbox(targets.owner!),
    changed: (before, after, input) => {
      expect.soft(after).toEqual(before.map((n) => (n.id === input.notificationId ? { ...n, read: true } : n)));
    },
  }),

  'mark all notifications read': defineCase({
    permission: 'notification.read',
    key: KEYS.markAllRead,
    page: () => `/w/${world.ws}/inbox`,
    input: async (caller: Caller) => {
      targets.owner = ownerOf(caller);
      await unreadFor(targets.owner);
      return { workspace: world.ws };
    },
    observe: () => inbox(targets.owner!),
    changed: (before, after) => {
      expect.soft(before.some((n) => !n.read)).toBe(true);
      expect.soft(after).toEqual(before.map((n) => ({ ...n, read: true })));
    },
  }),
};

async function runMatrix(action: string, c: MatrixCase<unknown, unknown>): Promise<void> {
  const results: string[] = [];
  for (const caller of CALLERS) {
    const expected = expectedOutcome(caller, c.minRole);
    await test.step(`${caller}: ${expected === 'allowed' ? 'allowed' : `refused (${expected})`}`, async () => {
      const input = await c.input(caller);
      const before = { state: await c.observe(input), audit: await auditTrail() };
      const result = await callAction(world.clients[caller], c.page(input), c.key, [input]);
      const after = { state: await c.observe(input), audit: await auditTrail() };
      results.push(`${caller.padEnd(16)} expected ${expected.padEnd(16)} got ${result.ok ? 'ok' : result.error.code}`);
      if (expected === 'allowed') {
        expect.soft(result, `${action} by ${caller} must succeed`).toMatchObject({ ok: true });
        if (result.ok) c.changed(before.state, after.state, input, result.data);
      } else {
        expect.soft(result, `${action} by ${caller} must be refused`).toMatchObject({ ok: false, error: { code: expected } });
        expect.soft(after, `${action} by ${caller}: nothing may change`).toEqual(before);
        expect.soft(result, `${action} by ${caller}: a refusal carries no data`).not.toHaveProperty('data');
      }
    });
  }
  await test.info().attach(`${action} matrix`, { body: results.join('\n'), contentType: 'text/plain' });
}

/** The workspace policy and the members, from one read of the settings page. */
async function policyAndMembers(): Promise<{ policy: Policy; members: Member[] }> {
  const flight = flightOf(await pageHtml(paths.settings()));
  return { policy: propOf(flight, 'policy') as Policy, members: propOf(flight, 'members') as Member[] };
}

/** Policy and roles are what the other cells rely on: whatever a test does, put them back. */
async function keepingPolicyAndRoles(run: () => Promise<void>): Promise<void> {
  const before = await policyAndMembers();
  const override = await promptPolicy();
  try {
    await run();
  } finally {
    const admin = world.accounts.admin.client;
    const now = await policyAndMembers();
    if (JSON.stringify(now.policy) !== JSON.stringify(before.policy)) {
      ok(await call(admin, paths.settings(), KEYS.updateWorkspacePolicy, { workspace: world.ws, ...before.policy }), 'restore the policy');
    }
    if (JSON.stringify(await promptPolicy()) !== JSON.stringify(override)) {
      ok(
        await call(admin, paths.promptSettings(), KEYS.updatePromptPolicy, { workspace: world.ws, promptId: world.promptId, ...override }),
        "restore the prompt's policy",
      );
    }
    for (const account of Object.values(world.accounts)) {
      const role = before.members.find((m) => m.email === account.email)!.role;
      if (now.members.find((m) => m.email === account.email)?.role === role) continue;
      ok(
        await call(admin, paths.settings(), KEYS.changeRole, { workspace: world.ws, membershipId: account.membershipId, role }),
        `restore the role of ${account.email}`,
      );
    }
  }
}

// ---- Completeness: a new action cannot ship without a row ------------------------------------

/** `lib/actions/<file>.ts#<name>` → how the source wraps it: a workspace permission, or 'action'/'publicAction'. */
function declaredWrappers(): Map<string, string> {
  const dir = path.join(process.cwd(), 'lib', 'actions');
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of source.matchAll(/export const (\w+) = (workspaceAction|action|publicAction)\(\s*\w+,\s*(?:'([a-z_.]+)')?/g)) {
      out.set(`lib/actions/${file}#${m[1]}`, m[2] === 'workspaceAction' ? m[3]! : m[2]!);
    }
  }
  return out;
}

test('the matrix has a row for every action of the build, and no row for an action it lacks', () => {
  const built = [...loadActionIds().keys()].filter((k) => k.startsWith('lib/actions/'));
  const rows = new Set<string>(Object.values(MATRIX).map((c) => c.key));
  const exempt = NOT_WORKSPACE_ACTIONS as ReadonlySet<string>;
  expect(built.length, 'the build has server actions from lib/actions').toBeGreaterThan(0);
  expect(
    built.filter((k) => !rows.has(k) && !exempt.has(k)),
    'actions without a MATRIX row: add one (or, if it acts on no workspace, list it in NOT_WORKSPACE_ACTIONS)',
  ).toEqual([]);
  expect(
    [...rows].filter((k) => !built.includes(k)),
    'MATRIX rows for actions the build does not have',
  ).toEqual([]);
  expect(
    [...exempt].filter((k) => !built.includes(k)),
    'NOT_WORKSPACE_ACTIONS entries the build does not have',
  ).toEqual([]);
  expect(
    [...rows].filter((k) => exempt.has(k)),
    'actions both in the MATRIX and exempt from it',
  ).toEqual([]);

  // Each row tests the permission its action declares; the exempt ones are not workspace actions.
  const declared = declaredWrappers();
  const rowPermissions = Object.fromEntries(Object.values(MATRIX).map((c) => [c.key, c.permission]));
  expect(rowPermissions, 'the permission of each row is the one its action declares').toEqual(
    Object.fromEntries([...rows].map((k) => [k, declared.get(k) ?? 'not a workspaceAction in lib/actions'])),
  );
  expect(
    [...exempt].map((k) => [k, declared.get(k)]),
    'NOT_WORKSPACE_ACTIONS are action() or publicAction()',
  ).toEqual([...exempt].map((k) => [k, expect.stringMatching(/^(action|publicAction)$/)]));
});

test.describe('every action refuses every caller below its role, also as a direct POST', () => {
  test.describe.configure({ timeout: 180_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const baseURL = test.info().project.use.baseURL;
    if (!baseURL) throw new Error('The Playwright project needs a baseURL');
    const client = async () => {
      const c = await newApiClient(baseURL);
      disposables.push(c);
      return c;
    };
    const visitor = await client();
    const run = nonce();
    hangingServer = createServer(() => {
      // Never answers: the run's model calls wait until the run is cancelled.
    });
    await new Promise<void>((resolve) => hangingServer!.listen(0, '127.0.0.1', resolve));
    const hangingBaseUrl = `http://127.0.0.1:${(hangingServer.address() as AddressInfo).port}/v1`;

    async function signUp(label: string): Promise<{ email: string; workspaceSlug: string; client: APIRequestContext }> {
      const email = `authz-${label}-${run}@example.test`;
      const created = ok(
        await call<{ workspaceSlug: string }>(visitor, '/signup', KEYS.signUp, {
          name: `Authz ${label} ${run}`,
          email,
          password: PASSWORD,
        }),
        `signUp ${label}`,
      );
      const c = await client();
      await signInApi(c, email, PASSWORD);
      return { email, workspaceSlug: created.workspaceSlug, client: c };
    }

    const owner = await signUp('admin');
    const ws = owner.workspaceSlug;
    const accounts = {} as World['accounts'];
    accounts.admin = { email: owner.email, client: owner.client, membershipId: '' };
    const invited: [Exclude<Role, 'admin'> | 'admin2', Role][] = [
      ['viewer', 'viewer'],
      ['editor', 'editor'],
      ['reviewer', 'reviewer'],
      ['publisher', 'publisher'],
      ['admin2', 'admin'],
    ];
    for (const [label, role] of invited) {
      const user = await signUp(label);
      const { membershipId } = await join(owner.client, ws, user, role);
      accounts[label] = { email: user.email, client: user.client, membershipId };
    }
    const outsider = await signUp('outsider');

    const created = ok(
      await call<{ slug: string }>(owner.client, `/w/${ws}/prompts/new`, KEYS.createPrompt, {
        workspace: ws,
        name: `Authz matrix ${run}`,
        slug: `authz-matrix-${run}`,
      }),
      'createPrompt',
    );
    const promptHtml = await (await owner.client.get(`/w/${ws}/prompts/${created.slug}`)).text();
    const promptId = /"promptId":"([^"]+)"/.exec(flightOf(promptHtml))?.[1];
    if (!promptId) throw new Error('The prompt page no longer carries the prompt id in its props');

    world = {
      ws,
      promptSlug: created.slug,
      promptId,
      accounts,
      newAccount: async (label) => {
        const { email, client } = await signUp(label);
        return { email, client };
      },
      providers: { dead: '', hanging: '', updateTarget: '' },
      updateTestCaseId: '',
      clients: {
        unauthenticated: await client(),
        outsider: outsider.client,
        viewer: accounts.viewer.client,
        editor: accounts.editor.client,
        reviewer: accounts.reviewer.client,
        publisher: accounts.publisher.client,
        admin: accounts.admin.client,
      },
    };
    accounts.admin.membershipId = (await members()).find((m) => m.email === owner.email)!.membershipId;
    const expectedRoles = Object.fromEntries([...invited.map(([label, role]) => [accounts[label].email, role]), [owner.email, 'admin']]);
    expect(await rolesByEmail(), 'every member has the role the matrix needs').toEqual(expectedRoles);

    // Evaluations: providers to run on, and a case that needs the model (so a run on the
    // hanging provider waits for it).
    world.providers = {
      dead: await createProviderAsAdmin(`Dead ${run}`, DEAD_BASE_URL),
      hanging: await createProviderAsAdmin(`Hanging ${run}`, hangingBaseUrl),
      updateTarget: await createProviderAsAdmin(`Update target ${run}`, DEAD_BASE_URL),
    };
    await createTestCaseAsAdmin('Needs the model', [{ type: 'contains', target: 'output', value: 'anything' }]);
    world.updateTestCaseId = await createTestCaseAsAdmin('Update target');
  });

  test.afterAll(async () => {
    await Promise.all(disposables.splice(0).map((c) => c.dispose()));
    hangingServer?.closeAllConnections();
    await new Promise<void>((resolve) => (hangingServer ? hangingServer.close(() => resolve()) : resolve()));
  });

  for (const [action, c] of Object.entries(MATRIX)) {
    test(`${action} (needs ${c.minRole})`, async () => {
      await keepingPolicyAndRoles(() => runMatrix(action, c));
    });
  }
});
