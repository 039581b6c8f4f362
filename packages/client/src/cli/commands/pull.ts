import fs from 'node:fs';
import { dirOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { readLock, writeLock } from '../lock.js';
import { fileOf, hashContent, hashMeta, readLocal, writeLocal, type LocalPrompt } from '../local.js';
import { fileFromDetail, getPrompt, listPrompts } from '../remote.js';

type Outcome = 'written' | 'unchanged' | 'kept';

export async function commandPull({ args, out, api }: Context) {
  const dir = dirOption(args);
  const client = api();
  const force = args.values.force === true;
  const slugs = args.positionals.length > 0 ? args.positionals : (await listPrompts(client)).filter((p) => p.head).map((p) => p.slug);
  const lock = readLock(dir);
  const results: { slug: string; file: string; revision: number; outcome: Outcome }[] = [];
  for (const slug of slugs) {
    const detail = await getPrompt(client, slug);
    if (!detail) throw new CliError(EXIT.usage, `No prompt "${slug}" in this workspace`);
    const file = fileOf(dir, slug);
    const prompt = fileFromDetail(detail);
    const local = existingFile(dir, slug);
    const entry = lock.get(slug);
    const headHash = hashContent(detail.head.content);
    const base = entry ?? { contentHash: headHash, metaHash: hashMeta(prompt) };
    const changedHere =
      local === 'unreadable' || (local !== null && (local.contentHash !== base.contentHash || local.metaHash !== base.metaHash));
    const sameAsServer = local !== null && local !== 'unreadable' && local.contentHash === headHash && local.metaHash === hashMeta(prompt);
    if (changedHere && !sameAsServer && !force) {
      out.warn(`kept     ${file}: changed here since it was pulled (server r${detail.head.number}); --force overwrites it`);
      results.push({ slug, file, revision: detail.head.number, outcome: 'kept' });
      continue;
    }
    const written = writeLocal(dir, slug, prompt);
    if (hashContent(readLocal(dir, slug).prompt.content) !== headHash) {
      out.warn(`warning: ${file} does not reproduce r${detail.head.number}'s content hash; please report this`);
    }
    lock.set(slug, { revision: detail.head.number, contentHash: headHash, metaHash: hashMeta(prompt) });
    out.line(`${written ? 'wrote   ' : 'same    '} ${file} (r${detail.head.number} by ${detail.head.authorName ?? 'someone'})`);
    results.push({ slug, file, revision: detail.head.number, outcome: written ? 'written' : 'unchanged' });
  }
  writeLock(dir, lock);
  if (results.length === 0) out.line('The workspace has no prompts.');
  return { dir, prompts: results };
}

function existingFile(dir: string, slug: string): LocalPrompt | 'unreadable' | null {
  if (!fs.existsSync(fileOf(dir, slug))) return null;
  try {
    return readLocal(dir, slug);
  } catch {
    return 'unreadable';
  }
}
