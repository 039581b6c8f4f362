// Builds the package: the SDK with tsc (ESM and CommonJS, with declarations), then esbuild
// bundles what needs third-party code, so the installed package still has no dependencies:
//   dist/{esm,cjs}/prompt-file/index.js   the prompt file format (with `yaml` inside)
//   dist/cli/galley.cjs                   the `galley` executable (with yaml, diff, zod and
//                                         the server's pure lib/domain diff and hashing)
// `--cli` builds only the executable (fast): the repository's postinstall runs that, so
// `npx galley` works in a fresh checkout.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const tsc = path.join(here, '../../node_modules/typescript/bin/tsc');
const { version } = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));

const cliOnly = process.argv.includes('--cli');

if (!cliOnly) await buildLibrary();
await buildCli();

async function buildLibrary() {
  fs.rmSync(dist, { recursive: true, force: true });
  for (const config of ['tsconfig.esm.json', 'tsconfig.cjs.json'])
    execFileSync(process.execPath, [tsc, '-p', config], { cwd: here, stdio: 'inherit' });
  fs.writeFileSync(path.join(dist, 'cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);

  // tsc's per-file output of the format imports `yaml`; the bundles replace it (declarations stay).
  const formats = [
    ['esm', 'esm', 'browser'],
    ['cjs', 'cjs', 'node'],
  ];
  for (const [dir, format, platform] of formats) {
    const out = path.join(dist, dir, 'prompt-file');
    for (const file of fs.readdirSync(out)) if (file.endsWith('.js')) fs.rmSync(path.join(out, file));
    await build({
      entryPoints: [path.join(here, 'src/prompt-file/index.ts')],
      outfile: path.join(out, 'index.js'),
      bundle: true,
      format,
      platform,
      target: 'es2020',
      legalComments: 'inline',
      logLevel: 'warning',
    });
  }
}

async function buildCli() {
  await build({
    entryPoints: [path.join(here, 'src/cli/bin.ts')],
    outfile: path.join(dist, 'cli/galley.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    define: { GALLEY_VERSION: JSON.stringify(version) },
    legalComments: 'inline',
    logLevel: 'warning',
  });
  fs.chmodSync(path.join(dist, 'cli/galley.cjs'), 0o755);
}
