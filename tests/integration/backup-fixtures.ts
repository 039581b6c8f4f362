// Shared by the backup tests: a workspace with something in every table that matters, the read
// API's answers and the history and audit log as a user sees them, every table's rows as the
// database prints them, and a switch that points the app (lib/data, the API handler) at a
// given database, cache emptied, as a restarted Galley would be.
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { handleApiRequest } from '@/lib/api/handler';
import { apiCache } from '@/lib/api/cache';
import { createApiKey } from '@/lib/data/api-keys';
import { listAuditEvents } from '@/lib/data/audit-log';
import { readCatalog, quoteIdent } from '@/lib/data/backup/catalog';
import { db, openDatabase, type Database } from '@/lib/data/db';
import { setCanary, stageRevision } from '@/lib/data/deployments';
import { listRevisions } from '@/lib/data/history';
import { inviteMember } from '@/lib/data/invitations';
import { updateWorkspacePolicy } from '@/lib/data/policy';
import { createPrompt } from '@/lib/data/prompts';
import { publishRevision } from '@/lib/data/releases';
import { decideReview, requestReview } from '@/lib/data/reviews';
import { saveDraft } from '@/lib/data/revisions';
import { createTestCase } from '@/lib/data/test-cases';
import { setSingleton } from '@/lib/singleton';
import { userContent } from '../factories';
import { addMember, newTenant } from './helpers';

const contentWith = (body: string, temperature?: number) =>
  userContent(body, {
    system: 'You help {{customer}} ✓ «quotes» "and" \\ backslashes.\nLine two.',
    variables: [{ name: 'customer', type: 'string', required: true }],
    temperature,
  });

/** Points lib/data and the read API at `database`, with an empty API cache. */
export function pointAppAt(database: Database): void {
  setSingleton('Db', Promise.resolve(database));
  const cache = apiCache();
  for (const map of [cache.prompts, cache.immutable, cache.lists, cache.keys]) map.clear();
  cache.generation++;
}

export async function seedWorkspace() {
  const admin = await newTenant('Backup Team');
  const reviewer = await addMember(admin, 'reviewer');
  await updateWorkspacePolicy(admin, {
    requiredApprovals: 1,
    allowSelfApproval: false,
    requireResolvedConversations: false,
    requirePassingEvaluation: false,
    draftPolicy: 'retain',
    designatedReviewerIds: [reviewer.userId],
  });
  const { id: promptId } = await createPrompt(
    admin,
    { name: 'Support reply', slug: 'support-reply', description: 'Answers customers', tags: ['support', 'v2'] },
    contentWith('v1 text', 0.7),
  );
  const prisma = await db();
  const head = async () =>
    (await prisma.prompt.findUniqueOrThrow({ where: { id: promptId }, select: { headRevisionId: true } })).headRevisionId!;
  const r1 = await head();
  const v1 = await publishRevision(admin, { promptId, revisionId: r1, note: 'first', draftPolicy: 'retain' });
  const r2 = (await saveDraft(admin, { promptId, baseRevisionId: r1, content: contentWith('second {{customer}}', 0.25) })).revision;
  const review = await requestReview(admin, {
    promptId,
    revisionId: r2.id,
    reviewerIds: [reviewer.userId],
    title: 'Second',
    description: 'Please look',
  });
  await decideReview(reviewer, {
    promptId,
    reviewId: review.id,
    decision: 'approve',
    comment: 'Fine ✓',
    expectedContentHash: r2.contentHash,
  });
  const v2 = await publishRevision(admin, { promptId, revisionId: r2.id, note: 'second', draftPolicy: 'retain' });
  const r3 = (await saveDraft(admin, { promptId, baseRevisionId: r2.id, content: contentWith('draft three') })).revision;
  await stageRevision(admin, promptId, r3.id);
  await setCanary(admin, promptId, { releaseId: v1.id, percent: 10 });
  const { id: otherId } = await createPrompt(admin, { name: 'Other', slug: 'other', description: '', tags: [] }, contentWith('other'));
  await createTestCase(admin, promptId, {
    name: 'mentions',
    variables: { customer: 'Ada' },
    assertions: [{ type: 'renders', target: 'prompt' }],
  });
  await inviteMember(admin, 'invitee@example.test', 'editor');
  const run = await prisma.evaluationRun.create({
    data: {
      promptId,
      revisionId: r2.id,
      contentHash: r2.contentHash,
      status: 'passed',
      total: 1,
      passed: 1,
      startedById: admin.userId,
      finishedAt: new Date(),
    },
  });
  await prisma.evaluationResult.create({
    data: {
      runId: run.id,
      caseName: 'mentions',
      status: 'passed',
      output: 'Hi Ada',
      assertionResults: [{ ok: true, score: 1.5 }],
      latencyMs: 12,
      tokensIn: 3,
    },
  });
  const keys = {
    dev: (await createApiKey(admin, { name: 'dev', environment: 'development' })).key,
    stg: (await createApiKey(admin, { name: 'stg', environment: 'staging' })).key,
    prod: (await createApiKey(admin, { name: 'prod', environment: 'production' })).key,
  };
  return { admin, promptIds: [promptId, otherId], keys, versions: [v1, v2] };
}

type Seeded = Awaited<ReturnType<typeof seedWorkspace>>;

async function call(key: string, url: string, method = 'GET', body?: unknown) {
  const res = await handleApiRequest({
    method,
    url,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: Buffer.from(JSON.stringify(body)) } : {}),
  });
  return { url: `${method} ${url}`, status: res.status, etag: res.headers.etag, body: res.body?.toString('utf8') ?? '' };
}

/** What applications and users see: read-API answers with their ETags, history, audit log. */
export async function observe({ admin, promptIds, keys }: Seeded) {
  const api = [];
  for (const key of [keys.dev, keys.stg, keys.prod]) {
    api.push(
      await call(key, '/api/v1/prompts/support-reply'),
      await call(key, '/api/v1/prompts'),
      await call(key, '/api/v1/prompts/support-reply?version=1'),
    );
    api.push(await call(key, '/api/v1/prompts/support-reply/render', 'POST', { variables: { customer: 'Ada' } }));
    api.push(await call(key, '/api/public/v2/prompts/support-reply'));
  }
  api.push(await call(keys.dev, '/api/v1/prompts/support-reply?revision=2'));
  const history = await Promise.all(promptIds.map((id) => listRevisions(admin, id, {})));
  const audit = await listAuditEvents(admin, {});
  return { api, history, audit };
}

/** Every application table's rows, as the database prints them (row_to_json, by primary key). */
export async function tableRows(database: Database): Promise<Record<string, string[]>> {
  const catalog = await readCatalog(database.raw);
  const out: Record<string, string[]> = {};
  for (const t of catalog.tables) {
    const order = t.primaryKey.length ? t.primaryKey.map(quoteIdent).join(', ') : '1';
    const rows = await database.raw.query<{ j: string }>(`SELECT row_to_json(t)::text AS j FROM ${quoteIdent(t.name)} t ORDER BY ${order}`);
    out[t.name] = rows.map((r) => r.j);
  }
  return out;
}

export async function rowCount(database: Database): Promise<number> {
  return Object.values(await tableRows(database)).reduce((n, rows) => n + rows.length, 0);
}

/** A PostgreSQL database of its own on TEST_DATABASE_URL's server (dropped by `drop`). */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL!;
  const name = `galley_backup_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // Without FORCE: terminating a pool client that is still closing surfaces as an uncaught error.
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      for (let attempt = 0; attempt < 10; attempt++) {
        const dropped = await c.query(`DROP DATABASE IF EXISTS ${name}`).then(
          () => true,
          () => false,
        );
        if (dropped) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      await c.end();
    },
  };
}

export const openMemory = () => openDatabase({ dir: 'memory://', url: '' });

/** Rewrites a backup's lines (decompressed), gzip'd again into `to`. */
export function rewriteBackup(from: string, to: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(readFileSync(from)).toString('utf8').split('\n');
  writeFileSync(to, gzipSync(edit(lines).join('\n')));
}

/** Tables a later migration might add: every awkward type, a nullable self-reference, an immutable one. */
export const AWKWARD_DDL = `
      CREATE TABLE "ZzAddedLater" (
        id bigserial PRIMARY KEY, big bigint, num numeric, tstz timestamptz(6), ts timestamp(6), day date, bytes bytea,
        doc json, docb jsonb, ints int[], texts text[], span interval, f float8, flag boolean, nothing text,
        parent bigint REFERENCES "ZzAddedLater"(id));
      CREATE TABLE "ZzLedger" (id text PRIMARY KEY, "prevId" text REFERENCES "ZzLedger"(id), at timestamptz(3) NOT NULL);
      CREATE TRIGGER "ZzLedger_immutable" BEFORE UPDATE OR DELETE ON "ZzLedger" FOR EACH ROW EXECUTE FUNCTION galley_reject_mutation();`;
export const AWKWARD_ROWS = `
      INSERT INTO "ZzAddedLater" (big, num, tstz, ts, day, bytes, doc, docb, ints, texts, span, f, flag, nothing, parent) VALUES
        (9007199254740993, 1.10, '2026-12-02 06:15:09.123456+02', '2026-12-02 06:15:09.000001', '2026-02-28', '\\x00ff10',
         '{"b": 1,  "a": [1, 2.50]}', '{"z": {"y": [true, null, 1e3]}, "a": "é\\n"}', ARRAY[1, NULL, 3], ARRAY['a,b', 'quote"d', NULL, ''],
         '1 day 02:03:04.5', 'NaN', true, NULL, NULL),
        (-1, 'NaN', 'infinity', '1999-12-31 23:59:59.999999', NULL, '\\x', 'null', '[]', '{}', '{}', '-3 months', 1e-300, false, '', 1);
      -- The child's key sorts first and the ledger may not be updated: its rows must be written parents first.
      INSERT INTO "ZzLedger" VALUES ('b-parent', NULL, now()), ('a-child', 'b-parent', now());`;
