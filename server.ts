// Galley's process: Next.js behind a plain Node HTTP server. `npm start` runs it on a
// production build (building first when there is none or it is older than the sources);
// `npm run dev` runs it with Next's dev server.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import next from 'next';
import { applyAuthDefaults, env } from './lib/env';

const dev = process.argv.includes('--dev');
const hostname = env.HOSTNAME ?? 'localhost';
const port = env.PORT;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'generated') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuild(): void {
  const buildId = path.join('.next', 'BUILD_ID');
  const sources = ['app', 'components', 'lib', 'prisma'].filter(existsSync);
  const stale = !existsSync(buildId) || Math.max(...sources.map(newestSource)) > statSync(buildId).mtimeMs;
  if (!stale) return;
  console.log('[galley] building the app (first start or sources changed)…');
  const result = spawnSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!dev && env.NODE_ENV !== 'test') ensureBuild();
applyAuthDefaults(`http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

createServer((req, res) => {
  void handle(req, res);
}).listen(port, hostname, () => {
  console.log(`[galley] ready on http://${hostname}:${port}${dev ? ' (dev)' : ''}`);
});
