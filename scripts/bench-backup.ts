// `npm run bench:backup`: backup and restore of a workspace with 1,000 prompts and 50,000
// revisions (50 each, ~1 KB of content apiece) plus a release per prompt, on the embedded
// database; with BENCH_DATABASE_URL (or TEST_DATABASE_URL) also into and out of PostgreSQL.
// Prints seconds and file size; asserts nothing (timing limits stay out of the test suite).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { restoreBackup } from '../lib/data/backup/restore';
import { writeBackup } from '../lib/data/backup/write';
import { openDatabase, type Database } from '../lib/data/db';
import { createAccount } from '../lib/data/users';
import { canonicalJson } from '../lib/domain/canonical';
import type { Content } from '../lib/domain/content';
import { contentHash } from '../lib/domain/hash';
import { setSingleton } from '../lib/singleton';

const PROMPTS = Number(process.argv[2] ?? 1000);
const REVISIONS_EACH = Number(process.argv[3] ?? 50);
const postgresServer = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

function content(p: number, r: number): Content {
  const paragraph = 'Answer precisely, cite the policy section, never promise refunds. ';
  return {
    blocks: [
      { id: 'system', kind: 'system', title: 'System', body: `${paragraph.repeat(6)}Prompt ${p}.`, enabled: true },
      { id: 'rules', kind: 'guardrails', title: 'Rules', body: paragraph.repeat(4), enabled: true },
      { id: 'user', kind: 'user', title: 'User', body: `{{customer_name}} asks, edit ${r}: {{question}}`, enabled: true },
    ],
    variables: [
      { name: 'customer_name', type: 'string', required: true },
      { name: 'question', type: 'string', required: true },
    ],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.3, params: {} },
  } as Content;
}

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function seed(database: Database) {
  setSingleton('Db', Promise.resolve(database));
  const { userId, workspaceSlug } = await createAccount({ name: 'Bench', email: 'bench@example.test', password: 'correct horse battery' });
  const prisma = database.prisma;
  const { id: workspaceId } = await prisma.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { id: true } });
  const now = Date.now();
  for (let p0 = 0; p0 < PROMPTS; p0 += 20) {
    const prompts = Array.from({ length: Math.min(20, PROMPTS - p0) }, (_, i) => ({
      id: randomUUID(),
      slug: `prompt-${p0 + i}`,
      n: p0 + i,
    }));
    await prisma.prompt.createMany({
      data: prompts.map((p) => ({
        id: p.id,
        workspaceId,
        slug: p.slug,
        name: `Prompt ${p.n}`,
        createdById: userId,
        revisionCount: REVISIONS_EACH,
        releaseCount: 1,
      })),
    });
    const revisions = prompts.flatMap((p) =>
      Array.from({ length: REVISIONS_EACH }, (_, r) => {
        const c = content(p.n, r + 1);
        return {
          id: `${p.id}-r${r + 1}`,
          promptId: p.id,
          number: r + 1,
          content: c,
          contentHash: contentHash(c),
          sizeBytes: Buffer.byteLength(canonicalJson(c)),
          createdById: userId,
          createdAt: new Date(now - (REVISIONS_EACH - r) * 60_000),
        };
      }),
    );
    await prisma.revision.createMany({ data: revisions });
    const first = revisions.filter((r) => r.number === 1);
    await prisma.release.createMany({
      data: first.map((r) => ({
        promptId: r.promptId,
        version: 1,
        revisionId: r.id,
        content: r.content,
        contentHash: r.contentHash,
        publishedById: userId,
      })),
    });
  }
  await database.raw.exec(
    `UPDATE "Prompt" p SET "headRevisionId" = r.id FROM "Revision" r WHERE r."promptId" = p.id AND r.number = p."revisionCount"`,
  );
}

async function freshPostgres(server: string) {
  const name = `galley_bench_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ url: url.toString() }),
    drop: async () => void (await admin.query(`DROP DATABASE IF EXISTS ${name}`), await admin.end()),
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'galley-bench-backup-'));
try {
  const source = await openDatabase({ dir: path.join(dir, 'source'), url: '' });
  let t0 = performance.now();
  await seed(source);
  console.log(`seeded ${PROMPTS} prompts × ${REVISIONS_EACH} revisions (+ ${PROMPTS} releases) on the embedded database in ${seconds(t0)}`);

  const file = path.join(dir, 'backup.jsonl.gz');
  t0 = performance.now();
  const backup = await writeBackup(source, file);
  console.log(
    `backup  (embedded):            ${seconds(t0)}, ${backup.rows} rows, ${(backup.bytes / 1024 / 1024).toFixed(1)} MB (${(backup.bytes / backup.tables.Revision!).toFixed(0)} bytes per revision)`,
  );
  await source.close();

  const target = await openDatabase({ dir: path.join(dir, 'target'), url: '' });
  t0 = performance.now();
  await restoreBackup(target, file);
  console.log(`restore (embedded → embedded): ${seconds(t0)}, every content hash recomputed`);
  await target.close();

  if (postgresServer) {
    const into = await freshPostgres(postgresServer);
    t0 = performance.now();
    await restoreBackup(into.database, file);
    console.log(`restore (embedded → PostgreSQL): ${seconds(t0)}`);
    t0 = performance.now();
    const again = await writeBackup(into.database, path.join(dir, 'from-postgres.jsonl.gz'));
    console.log(`backup  (PostgreSQL):          ${seconds(t0)}, ${(again.bytes / 1024 / 1024).toFixed(1)} MB`);
    await into.database.close();
    await into.drop();
  } else {
    console.log('(set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure PostgreSQL too)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
