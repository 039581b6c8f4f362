// `npm start`: runs the production server as compiled JavaScript. server.ts and the modules
// it imports from lib/ are bundled by esbuild into dist/server.mjs (packages stay external)
// whenever a source is newer than that file, then the bundle runs in this process; it builds
// the Next app itself when that is stale (server.ts, ensureBuild). A TypeScript transpiler in
// the production process cost memory and start-up time for nothing.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist', 'server.mjs');

function newest(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(file)) {
    if (entry === 'generated' || entry.startsWith('.')) continue;
    max = Math.max(max, newest(path.join(file, entry)));
  }
  return max;
}

/** esbuild is a devDependency; an install without it (--omit=dev) has no bundler. */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

const sources = ['server.ts', 'lib', 'package.json', 'prisma/schema.prisma'].map((f) => path.join(root, f));
const stale = !existsSync(out) || Math.max(...sources.filter(existsSync).map(newest)) > statSync(out).mtimeMs;
const esbuild = stale ? await loadEsbuild() : null;
process.chdir(root);
if (stale && !esbuild) {
  // No bundler: run the TypeScript through tsx (a dependency), as `npm start` used to.
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'server.ts')).href);
} else {
  if (stale) await bundle(esbuild.build);
  await import(pathToFileURL(out).href);
}

async function bundle(build) {
  // Written aside and renamed, so two servers starting at once never run half a file.
  mkdirSync(path.dirname(out), { recursive: true });
  const temp = `${out}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, 'server.ts')],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  renameSync(temp, out);
}
