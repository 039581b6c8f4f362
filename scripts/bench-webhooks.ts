// `npm run bench:webhooks`: time from a publish's commit to the receiver's request, p50/p99
// over 200 publishes, on PGlite (in memory) and on PostgreSQL when TEST_DATABASE_URL (or
// `-- --pg <url>`) names one. Each engine runs in a child process of its own (the engine is
// chosen from the environment at start). Prints figures; asserts nothing.
//   npm run bench:webhooks -- [--events 200] [--pg postgres://…]
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = Number(opt('--events') ?? 200);

async function child(): Promise<void> {
  const { database, closeDatabase } = await import('../lib/data/db');
  const { createAccount } = await import('../lib/data/users');
  const { createPrompt } = await import('../lib/data/prompts');
  const { saveDraft } = await import('../lib/data/revisions');
  const { publish } = await import('../lib/data/publish');
  const { createWebhookEndpoint } = await import('../lib/data/webhook-endpoints');
  const { startDispatcher } = await import('../lib/webhooks/dispatcher');
  const db = await database();
  const arrived = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      arrived.set(body.data.release.id, at);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench`;
  const { userId, workspaceSlug } = await createAccount({
    name: 'Bench',
    email: `bench-${Date.now()}@example.test`,
    password: 'correct horse battery',
  });
  const ws = await db.prisma.workspace.findUniqueOrThrow({ where: { slug: workspaceSlug }, select: { id: true, name: true } });
  const ctx = { userId, workspaceId: ws.id, workspaceSlug, workspaceName: ws.name, role: 'admin' as const };
  await createWebhookEndpoint(ctx, { url, description: '', events: ['release.published'], format: 'standard' });
  const dispatcher = await startDispatcher({ database: db, timeoutMs: 10_000, retryBaseMs: 30_000 });
  const { id: promptId } = await createPrompt(ctx, { name: 'Bench', slug: 'bench', description: '', tags: [] });
  let head = (await db.prisma.prompt.findUniqueOrThrow({ where: { id: promptId } })).headRevisionId!;
  const committed = new Map<string, number>();
  for (let i = 0; i < EVENTS; i++) {
    const content = {
      blocks: [{ id: 'sys', kind: 'system' as const, title: 'System', body: `Release ${i}`, enabled: true }],
      variables: [],
      model: { provider: 'openai', model: 'gpt-4o-mini', params: {} },
    };
    const { revision } = await saveDraft(ctx, { promptId, baseRevisionId: head, content });
    const release = await publish(ctx, { promptId, revisionId: revision.id, note: '' });
    committed.set(release.id, performance.now());
    head = (await db.prisma.prompt.findUniqueOrThrow({ where: { id: promptId } })).headRevisionId!;
  }
  const until = Date.now() + 120_000;
  while (arrived.size < EVENTS && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  // publish() resolves after COMMIT; the NOTIFY can wake the dispatcher before the caller resumes, so a few are ~0.
  const ms = [...committed].map(([id, t]) => Math.max(0, (arrived.get(id) ?? NaN) - t)).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!;
  console.log(
    JSON.stringify({ engine: db.engine, events: EVENTS, delivered: arrived.size, p50: q(0.5), p99: q(0.99), max: ms[ms.length - 1] }),
  );
  await dispatcher.stop();
  server.close();
  await closeDatabase();
}

function main(): void {
  const pg = opt('--pg') ?? process.env.TEST_DATABASE_URL;
  const engines: [string, Record<string, string>][] = [['PGlite', { DATABASE_URL: '', GALLEY_DATA_DIR: 'memory://' }]];
  if (pg) engines.push(['PostgreSQL', { DATABASE_URL: pg }]);
  const rows: string[] = [];
  for (const [name, env] of engines) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', fileURLToPath(import.meta.url), '--child', '--events', String(EVENTS)],
      {
        env: { ...process.env, ...env, GALLEY_SEED: 'false', GALLEY_LOG_LEVEL: 'silent', GALLEY_WEBHOOK_ALLOW_PRIVATE: 'true' },
        encoding: 'utf8',
      },
    );
    const line = r.stdout.split('\n').find((l) => l.startsWith('{"engine"'));
    if (!line) {
      rows.push(`| ${name} | failed: ${(r.stderr || r.stdout).slice(-300).replace(/\n/g, ' ')} |`);
      continue;
    }
    const f = JSON.parse(line);
    rows.push(`| ${name} | ${f.delivered}/${f.events} | ${f.p50.toFixed(1)} ms | ${f.p99.toFixed(1)} ms | ${f.max.toFixed(1)} ms |`);
  }
  if (!pg) rows.push('| PostgreSQL | skipped: set TEST_DATABASE_URL or pass --pg <url> |');
  console.log('\nPublish commit → receiver request (one endpoint, sequential publishes)\n');
  console.log('| engine | delivered | p50 | p99 | max |\n| --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
}

if (args.includes('--child')) await child();
else main();
