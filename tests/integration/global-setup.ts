// Once per test run: a dump of a new, migrated embedded database, which every memory://
// database of the run starts from (GALLEY_PGLITE_TEMPLATE, lib/data/db.ts) instead of running
// initdb and the migrations again (~3 s each, dozens of times a run). Workers inherit the variable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writePgliteTemplate } from '@/lib/data/db';

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.GALLEY_PGLITE_TEMPLATE) return undefined; // another project of this run made it
  const dir = mkdtempSync(path.join(tmpdir(), 'galley-pglite-template-'));
  const file = path.join(dir, 'migrated.tar');
  await writePgliteTemplate(file);
  process.env.GALLEY_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
