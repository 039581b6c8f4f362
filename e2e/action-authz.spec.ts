// Server actions are public endpoints (ARCHITECTURE.md, "A server action"): anyone can POST to one with its id, with
// or without a session, whatever the page shows. This matrix sends every guarded action as
// a bare POST from every role, a member of another workspace and a visitor, and checks the
// answer and — through the app, as an admin — that a refused call changed nothing. Each
// allowed cell must also show its change, so every observation is proven able to fail.
import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Content } from '../lib/domain/content';
import { contentHash } from '../lib/domain/hash';
import { callAction, newApiClient, signInApi, type ActionKey, type ActionResult } from './action-client';
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
  requestReview: 'lib/actions/reviews.ts#requestReview',
  decideReview: 'lib/actions/reviews.ts#decideReview',
  publish: 'lib/actions/releases.ts#publish',
  rollback: 'lib/actions/releases.ts#rollback',
} as const satisfies Record<string, ActionKey>;

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
}

let world: World;
const disposables: APIRequestContext[] = [];

const paths = {
  prompt: () => `/w/${world.ws}/prompts/${world.promptSlug}`,
  reviews: () => `${paths.prompt()}/reviews`,
  review: (id: string) => `${paths.reviews()}/${id}`,
  releases: () => `${paths.prompt()}/releases`,
  settings: () => `/w/${world.ws}/settings`,
  audit: () => `/w/${world.ws}/audit`,
};

async function call<T>(client: APIRequestContext, page: string, key: ActionKey, input: unknown): Promise<ActionResult<T>> {
  return callAction<T>(client, page, key, [input]);
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

// ---- The matrix --------------------------------------------------------------------------

interface MatrixCase<I, S> {
  minRole: Role;
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

const defineCase = <I, S>(c: MatrixCase<I, S>) => c as MatrixCase<unknown, unknown>;

const MATRIX: Record<string, MatrixCase<unknown, unknown>> = {
  'save draft': defineCase({
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
    minRole: 'editor',
    key: KEYS.requestReview,
    page: () => paths.reviews(),
    input: async (caller: Caller) => ({ workspace: world.ws, promptId: world.promptId, title: `Requested by ${caller}` }),
    observe: () => reviewRowCount(),
    changed: (before, after) => expect.soft(after, 'one more review').toBe(before + 1),
  }),

  approve: defineCase({
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

  publish: defineCase({
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
        draftPolicy: current.draftPolicy === 'reset' ? 'retain' : 'reset',
        designatedReviewerIds: current.designatedReviewerIds.length ? [] : [reviewerId],
      } as const;
    },
    observe: () => workspacePolicy(),
    changed: (_before, after, input) => expect.soft({ workspace: world.ws, ...after }, 'the new policy').toEqual(input),
  }),

  'change role': defineCase({
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
      }
    });
  }
  await test.info().attach(`${action} matrix`, { body: results.join('\n'), contentType: 'text/plain' });
}

/** Policy and roles are what the other cells rely on: whatever a test does, put them back. */
async function keepingPolicyAndRoles(run: () => Promise<void>): Promise<void> {
  const policy = await workspacePolicy();
  const roles = await members();
  try {
    await run();
  } finally {
    const admin = world.accounts.admin.client;
    ok(await call(admin, paths.settings(), KEYS.updateWorkspacePolicy, { workspace: world.ws, ...policy }), 'restore the policy');
    const now = await rolesByEmail();
    for (const account of Object.values(world.accounts)) {
      const role = roles.find((m) => m.email === account.email)!.role;
      if (now[account.email] === role) continue;
      ok(
        await call(admin, paths.settings(), KEYS.changeRole, { workspace: world.ws, membershipId: account.membershipId, role }),
        `restore the role of ${account.email}`,
      );
    }
  }
}

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
      const outcome = ok(
        await call<{ kind: string; membershipId: string }>(owner.client, `/w/${ws}/settings`, KEYS.inviteMember, {
          workspace: ws,
          email: user.email,
          role,
        }),
        `invite ${label}`,
      );
      expect(outcome.kind, `${label} has an account, so is added at once`).toBe('added');
      accounts[label] = { email: user.email, client: user.client, membershipId: outcome.membershipId };
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
  });

  test.afterAll(async () => {
    await Promise.all(disposables.splice(0).map((c) => c.dispose()));
  });

  for (const [action, c] of Object.entries(MATRIX)) {
    test(`${action} (needs ${c.minRole})`, async () => {
      await keepingPolicyAndRoles(() => runMatrix(action, c));
    });
  }
});
