// `npm run bench:compose`: what includes cost. Resolution happens when a draft is saved and is
// frozen at publish, so it is measured there (a prompt with 20 includes, each of which includes
// another prompt: two levels deep); the warm read path serves a cached, already expanded body,
// so its latency is measured with and without includes through the same in-process handler.
// Prints figures; asserts nothing. (The rate limit is off: 20,000 reads of one key would hit it.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { handleCachedRequest, handleApiRequest } from '../lib/api/handler';
import { authorize } from '../lib/authz';
import { createApiKey } from '../lib/data/api-keys';
import { closeDatabase, db, openDatabase } from '../lib/data/db';
import { createPrompt, getPrompt } from '../lib/data/prompts';
import { publishRevision } from '../lib/data/releases';
import { saveDraft } from '../lib/data/revisions';
import type { Block, Content } from '../lib/domain/content';
import { seedIfEmpty, DEMO_EMAIL } from '../lib/seed';
import { setSingleton } from '../lib/singleton';

const INCLUDES = 20;
const ROUNDS = 5;
const READS = 20_000;

setSingleton('Db', openDatabase({ dir: mkdtempSync(path.join(tmpdir(), 'galley-bench-compose-')) }));
await seedIfEmpty();
const prisma = await db();
const demo = await prisma.user.findUniqueOrThrow({
  where: { email: DEMO_EMAIL },
  select: { id: true, memberships: { select: { workspace: { select: { slug: true } } } } },
});
const ctx = await authorize(demo.id, demo.memberships[0]!.workspace.slug, 'apikey.manage');
const model = { provider: 'openai', model: 'gpt-4o-mini', params: {} };
const text = (id: string, body: string): Block => ({ id, kind: 'system', title: id, body, enabled: true });
const include = (id: string, slug: string): Block => ({
  id,
  kind: 'include',
  title: slug,
  body: '',
  enabled: true,
  include: { promptSlug: slug, pin: 'production' },
});

async function publishNew(slug: string, content: Content) {
  const { id } = await createPrompt(ctx, { name: slug, slug, description: '', tags: [] }, content);
  const head = (await getPrompt(ctx, slug)).headRevision!;
  await publishRevision(ctx, { promptId: id, revisionId: head.id, note: '', draftPolicy: 'reset' });
  return id;
}

// Level 2: 20 leaves; level 1: 20 prompts each including one leaf.
for (let i = 0; i < INCLUDES; i++) {
  await publishNew(`leaf-${i}`, { blocks: [text('l', `Leaf ${i}: ${'shared text '.repeat(40)}`)], variables: [], model });
  await publishNew(`mid-${i}`, { blocks: [include('inc', `leaf-${i}`), text('m', `Mid ${i}`)], variables: [], model });
}
const hostContent = (round: number): Content => ({
  blocks: [...Array.from({ length: INCLUDES }, (_, i) => include(`inc${i}`, `mid-${i}`)), text('u', `Round ${round}`)],
  variables: [],
  model,
});
await publishNew('plain', { blocks: [text('s', 'x'.repeat(20_000)), text('u', 'Round 0')], variables: [], model });
const hostId = await publishNew('host', { blocks: [text('u', 'start')], variables: [], model });

const ms = (t: bigint) => Number(t) / 1e6;
const saves: number[] = [];
const publishes: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const head = (await getPrompt(ctx, 'host')).headRevision!;
  let t = process.hrtime.bigint();
  const saved = await saveDraft(ctx, { promptId: hostId, baseRevisionId: head.id, content: hostContent(round) });
  saves.push(ms(process.hrtime.bigint() - t));
  t = process.hrtime.bigint();
  await publishRevision(ctx, { promptId: hostId, revisionId: saved.revision.id, note: '', draftPolicy: 'reset' });
  publishes.push(ms(process.hrtime.bigint() - t));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `resolution at save (20 includes, 2 levels): median ${median(saves).toFixed(1)} ms  (${saves.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(
  `publish with the include graph:             median ${median(publishes).toFixed(1)} ms  (${publishes.map((x) => x.toFixed(0)).join(', ')})`,
);

const { key } = await createApiKey(ctx, { name: 'bench', environment: 'production' });
const headers = { authorization: `Bearer ${key}` };
async function warm(slug: string) {
  const req = { method: 'GET', url: `/api/v1/prompts/${slug}`, headers };
  const first = await handleApiRequest(req); // fills the cache
  const bytes = first.body?.length ?? 0;
  const blocks = (JSON.parse(first.body?.toString('utf8') ?? '{}') as { content?: { blocks?: unknown[] } }).content?.blocks?.length ?? 0;
  for (let i = 0; i < 1000; i++) handleCachedRequest(req);
  const t = process.hrtime.bigint();
  for (let i = 0; i < READS; i++) {
    const res = handleCachedRequest(req);
    if (!res || res.status !== 200) throw new Error(`${slug}: not served warm (${res?.status ?? 'no cached response'})`);
  }
  const perRead = ms(process.hrtime.bigint() - t) / READS;
  console.log(
    `warm read ${slug.padEnd(6)} ${String(bytes).padStart(6)} bytes, ${blocks} blocks   ${(perRead * 1000).toFixed(1).padStart(6)} µs/read (in-process, ${READS} reads)`,
  );
}
await warm('plain');
await warm('host');
await closeDatabase();
