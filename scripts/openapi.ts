// The OpenAPI document the server serves (lib/api/openapi.ts), generated from the zod schemas.
//   tsx scripts/openapi.ts            prints it as JSON
//   tsx scripts/openapi.ts FILE       writes it to FILE
//   tsx scripts/openapi.ts --lint     lints it with Redocly (redocly.yaml): `npm run lint:openapi`
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '../lib/api/openapi';

const json = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
const arg = process.argv[2];

if (arg === '--lint') {
  const dir = mkdtempSync(path.join(tmpdir(), 'galley-openapi-'));
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, json);
  // Linting needs no network: no telemetry, no update check (both would reach out).
  const result = spawnSync(path.join('node_modules', '.bin', 'redocly'), ['lint', file, '--config', 'redocly.yaml'], {
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  rmSync(dir, { recursive: true, force: true });
  process.exit(result.status ?? 1);
} else if (arg) {
  writeFileSync(arg, json);
} else {
  process.stdout.write(json);
}
