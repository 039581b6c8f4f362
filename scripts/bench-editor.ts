// `npm run bench:editor`: the editor's server-side speed on the embedded database.
//  1. saveDraft for a 20-block, ~20 KB prompt, 500 saves (zod parse + authorize + save),
//  2. the history's first page on a prompt with 10,000 revisions,
//  3. the editor route's first-load JavaScript (gzip), when a production build exists.
// Prints figures; it asserts nothing (timing limits stay out of the test suite).
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { authorize } from '../lib/authz';
import { openDatabase } from '../lib/data/db';
import { createPrompt } from '../lib/data/prompts';
import { saveDraft } from '../lib/data/revisions';
import { createAccount } from '../lib/data/users';
import { contentSchema, type Content } from '../lib/domain/content';
import { setSingleton } from '../lib/singleton';

const SAVES = Number(process.argv[2] ?? 500);
const HISTORY = Number(process.argv[3] ?? 10_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `p50 ${percentile(s, 50).toFixed(1)} ms · p99 ${percentile(s, 99).toFixed(1)} ms · mean ${mean.toFixed(1)} ms · max ${s.at(-1)!.toFixed(1)} ms (n=${s.length})`;
}

function bigContent(i: number): Content {
  const paragraph = 'Answer precisely, cite the policy section, and never promise refunds. '.repeat(14); // ~1 KB
  return {
    blocks: Array.from({ length: 20 }, (_, b) => ({
      id: `block-${b}`,
      kind: b === 19 ? ('user' as const) : ('instructions' as const),
      title: `Block ${b}`,
      body: b === 0 ? `${paragraph}\nEdit number ${i}.` : `${paragraph}{{customer_name}}`,
      enabled: true,
    })),
    variables: [{ name: 'customer_name', type: 'string', required: true }],
    model: { provider: 'openai', model: 'gpt-4o-mini', temperature: 0.3, params: {} },
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'galley-bench-'));
const database = await openDatabase({ dir });
// lib/data reads the shared handle; point it at this one.
setSingleton('Db', Promise.resolve(database));

const { userId, workspaceSlug } = await createAccount({ name: 'Bench', email: 'bench@example.test', password: 'correct horse battery' });
const ctx = await authorize(userId, workspaceSlug, 'draft.save');
const prompt = await createPrompt(ctx, { name: 'Bench', slug: 'bench', description: '', tags: [] }, bigContent(0));
let base = (await database.prisma.prompt.findUniqueOrThrow({ where: { id: prompt.id }, select: { headRevisionId: true } })).headRevisionId!;
console.log(`content size: ${(Buffer.byteLength(JSON.stringify(bigContent(0))) / 1024).toFixed(1)} KB, 20 blocks`);

// Warm up the query paths before measuring.
for (let i = 1; i <= 20; i++)
  base = (await saveDraft(ctx, { promptId: prompt.id, baseRevisionId: base, content: bigContent(i) })).revision.id;

const times: number[] = [];
for (let i = 0; i < SAVES; i++) {
  const input = bigContent(1000 + i);
  const t0 = performance.now();
  const content = contentSchema.parse(input);
  const actor = await authorize(userId, workspaceSlug, 'draft.save');
  base = (await saveDraft(actor, { promptId: prompt.id, baseRevisionId: base, content })).revision.id;
  times.push(performance.now() - t0);
}
console.log(`saveDraft (embedded PGlite, ${SAVES} saves): ${summary(times)}`);

// History: fill to HISTORY revisions with small edits through the same code path.
let count = SAVES + 21;
const fill = performance.now();
while (count < HISTORY) {
  base = (await saveDraft(ctx, { promptId: prompt.id, baseRevisionId: base, content: bigContent(100_000 + count) })).revision.id;
  count++;
}
console.log(`filled history to ${count} revisions in ${((performance.now() - fill) / 1000).toFixed(1)} s`);
try {
  const { listRevisions } = await import('../lib/data/history');
  const pageTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const page = await listRevisions(ctx, prompt.id, {});
    pageTimes.push(performance.now() - t0);
    if (page.items.length === 0) throw new Error('empty history page');
  }
  console.log(`history first page (${count} revisions, 50 rows): ${summary(pageTimes)}`);
} catch (e) {
  console.log(`history first page: not measured (${(e as Error).message})`);
}

await database.close();

// First-load JS of the editor route, from the production build's HTML entry chunks.
const manifestPath = path.join(
  '.next',
  'server',
  'app',
  '(app)',
  'w',
  '[workspace]',
  'prompts',
  '[prompt]',
  'page_client-reference-manifest.js',
);
if (existsSync(manifestPath)) {
  const text = readFileSync(manifestPath, 'utf8');
  const entry = /"entryJSFiles":(\{.*?\})\s*[,}]/s.exec(text);
  const files = new Set<string>();
  if (entry) for (const list of Object.values(JSON.parse(entry[1]!) as Record<string, string[]>)) for (const f of list) files.add(f);
  const buildManifest = JSON.parse(readFileSync(path.join('.next', 'build-manifest.json'), 'utf8')) as {
    rootMainFiles?: string[];
    polyfillFiles?: string[];
  };
  for (const f of buildManifest.rootMainFiles ?? []) files.add(f);
  let gz = 0;
  let monaco = 0;
  for (const f of files) {
    const p = path.join('.next', f.replace(/^static\//, 'static/'));
    if (!existsSync(p)) continue;
    const buf = readFileSync(p);
    gz += gzipSync(buf).length;
    if (buf.includes('monaco-editor') || buf.includes('vs/editor/editor')) monaco++;
  }
  console.log(`editor route first-load JS: ${(gz / 1024).toFixed(1)} KB gzip in ${files.size} files (files containing Monaco: ${monaco})`);
} else {
  console.log('editor route first-load JS: run `npm run build` first');
}
