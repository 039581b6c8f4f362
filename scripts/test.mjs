// `npm test`: everything CI runs — lint and format check beside typecheck and OpenAPI lint, then unit, integration (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set), a production build, Playwright e2e — then one
// closing line "N passed, N failed". Every step runs even after a failure, so one CI run
// reports everything; e2e needs the build and is skipped when the build fails.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const out = mkdtempSync(path.join(tmpdir(), 'galley-test-'));
const bin = (name) => path.join('node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const results = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name} ━━ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
  return ok;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  passed += j.numPassedTests;
  failed += j.numFailedTests;
  skipped += j.numPendingTests + j.numTodoTests;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  passed += s.expected + s.flaky;
  failed += s.unexpected;
  skipped += s.skipped;
}

// The static checks are single-threaded: two lanes side by side keep both cores busy. Each
// step's output is printed whole when it ends, so the lanes do not interleave.
function runCaptured(name, cmd, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (e) => output.push(Buffer.from(`${e.message}\n`)));
    child.on('close', (code) => {
      console.log(`\n━━ ${name} ━━ ${[cmd, ...args].join(' ')}`);
      process.stdout.write(Buffer.concat(output));
      const ok = code === 0;
      results.push({ name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 });
      resolve(ok);
    });
  });
}

async function lane(steps) {
  const oks = [];
  for (const step of steps) oks.push(await runCaptured(...step));
  return oks;
}

const [[eslintOk, formatOk], [typesOk, openApiOk]] = await Promise.all([
  lane([
    ['lint', bin('eslint'), ['.', '--max-warnings=0']],
    ['format', bin('prettier'), ['--check', '.']],
  ]),
  lane([
    ['typecheck', bin('tsc'), ['--noEmit']],
    ['OpenAPI lint', bin('tsx'), ['scripts/openapi.ts', '--lint']],
  ]),
]);
const lintOk = eslintOk && formatOk;
if (!lintOk) failed++;
if (!openApiOk) failed++;
if (!typesOk) failed++;

const unitJson = path.join(out, 'unit.json');
run('unit tests', bin('vitest'), ['run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`]);
countVitest(unitJson);

const integrationJson = path.join(out, 'integration.json');
const projects = ['--project', 'integration-pglite'];
if (process.env.TEST_DATABASE_URL) projects.push('--project', 'integration-postgres');
else console.log('\n(TEST_DATABASE_URL is not set: integration tests run on PGlite only)');
run('integration tests', bin('vitest'), [
  'run',
  ...projects,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${integrationJson}`,
]);
countVitest(integrationJson);

const buildOk = run('build', bin('next'), ['build']);
if (!buildOk) failed++;

if (buildOk) {
  const e2eJson = path.join(out, 'e2e.json');
  run('e2e (Playwright)', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  countPlaywright(e2eJson);
} else {
  console.log('\n(e2e skipped: the build failed)');
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(20)} ${r.seconds}s`);
const allOk = results.every((r) => r.ok);
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(allOk && failed === 0 ? 0 : 1);
