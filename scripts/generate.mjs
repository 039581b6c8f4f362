// `prisma generate` on install. Prisma's CLI fetches its schema engine binary at start-up,
// which cannot work offline; generation never calls it, so any executable will do
// (only set when the caller has not chosen one).
import { spawnSync } from 'node:child_process';

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true';
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
