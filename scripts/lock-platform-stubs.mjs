// The registry these machines reach holds only the linux-x64 builds of some packages'
// platform binaries (@next/swc-*, @tailwindcss/oxide-*, …), so `npm install` writes a lock
// without the other platforms' entries and `npm ci` then refuses it ("Missing: … from lock
// file"). This adds those entries, marked optional with their os/cpu, so `npm ci` skips
// them here and installs them where the registry has them. Run after changing dependencies:
//   node scripts/lock-platform-stubs.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const dry = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { encoding: 'utf8' });
const missing = [...(dry.stdout + dry.stderr).matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]);
if (missing.length === 0) {
  console.log('package-lock.json is complete; nothing to add.');
  process.exit(0);
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const wanted = {};
for (const entry of Object.values(lock.packages))
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) wanted[name] = range;

const OS = [
  ['android', 'android'],
  ['openharmony', 'openharmony'],
  ['darwin', 'darwin'],
  ['freebsd', 'freebsd'],
  ['win32', 'win32'],
  ['linux', 'linux'],
  ['wasm32', null],
];
const CPU = ['arm64', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32', 'arm'];
for (const name of missing) {
  const os = OS.find(([k]) => name.includes(k))?.[1];
  const cpu = CPU.find((c) => name.includes(`-${c}`));
  lock.packages[`node_modules/${name}`] = { version: wanted[name], optional: true, ...(os && { os: [os] }), ...(cpu && { cpu: [cpu] }) };
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`Added ${missing.length} platform entries: ${missing.join(', ')}`);
