// The lock file (`<dir>/.galley-lock.json`, committed with the prompts): for every prompt, the
// draft revision its file was last pulled from or pushed as, with the content and metadata
// hashes of that state. A push compares the server's head with it, so a draft someone else
// saved since is a conflict instead of being overwritten. One line per prompt, sorted, so a
// push of one prompt is a one-line change.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CliError, EXIT } from './errors.js';

export const LOCK_FILE = '.galley-lock.json';

const entrySchema = z.object({ revision: z.number().int().positive(), contentHash: z.string(), metaHash: z.string() });
const lockSchema = z.object({ lockfileVersion: z.literal(1), prompts: z.record(z.string(), entrySchema) });

export type LockEntry = z.infer<typeof entrySchema>;
export type Lock = Map<string, LockEntry>;

export function readLock(dir: string): Lock {
  const file = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(file)) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(
      EXIT.invalid,
      `${file}: not JSON (${(error as Error).message}); resolve the merge conflict or delete it and pull again`,
    );
  }
  const parsed = lockSchema.safeParse(json);
  if (!parsed.success) throw new CliError(EXIT.invalid, `${file}: not a Galley lock file (${parsed.error.issues[0]?.message})`);
  return new Map(Object.entries(parsed.data.prompts));
}

export function writeLock(dir: string, lock: Lock): void {
  const slugs = [...lock.keys()].sort();
  const lines = slugs.map((slug, i) => {
    const { revision, contentHash, metaHash } = lock.get(slug)!;
    const entry = JSON.stringify({ revision, contentHash, metaHash }).replace(/,"/g, ', "').replace(/":/g, '": ');
    return `    ${JSON.stringify(slug)}: ${entry}${i < slugs.length - 1 ? ',' : ''}`;
  });
  const body = lines.length ? `{\n${lines.join('\n')}\n  }` : '{}';
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, LOCK_FILE), `{\n  "lockfileVersion": 1,\n  "prompts": ${body}\n}\n`);
}
