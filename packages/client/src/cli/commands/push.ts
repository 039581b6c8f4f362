import { ApiError, type Api } from '../api.js';
import { dirOption, stringOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { readLock, writeLock, type Lock } from '../lock.js';
import { hashContent, hashMeta, listSlugs, readLocal, type LocalPrompt } from '../local.js';
import { describeRevision, getPrompt, isOwnRevision, revisionsAfter, whoami } from '../remote.js';
import { promptDetailSchema, savedRevisionSchema, type PromptDetail } from '../schemas.js';
import { fieldErrorLines } from '../field-errors.js';

type Outcome = 'created' | 'saved' | 'unchanged' | 'behind' | 'conflict' | 'refused';
interface Result {
  slug: string;
  file: string;
  outcome: Outcome;
  revision?: number;
  overwrote?: string[];
  message?: string;
}

export async function commandPush({ args, out, api }: Context) {
  const dir = dirOption(args);
  const client = api();
  const slugs = args.positionals.length > 0 ? args.positionals : listSlugs(dir);
  // Every file is read before anything is sent: one malformed file stops the whole push.
  const locals = slugs.map((slug) => readLocal(dir, slug));
  const lock = readLock(dir);
  const me = (await whoami(client)).token;
  const results: Result[] = [];
  const options = { force: args.values.force === true, message: stringOption(args, 'message') ?? 'galley push', me };
  for (const local of locals) {
    const result = await pushOne(client, local, lock, options);
    results.push(result);
    writeLock(dir, lock);
    report(out, result);
  }
  const conflicts = results.filter((r) => r.outcome === 'conflict');
  const refused = results.filter((r) => r.outcome === 'refused');
  if (refused.length > 0) {
    throw new CliError(
      EXIT.invalid,
      `The server refused ${refused.map((r) => r.file).join(', ')}`,
      refused.flatMap((r) => r.message!.split('\n')),
      { prompts: results },
    );
  }
  if (conflicts.length > 0) {
    throw new CliError(
      EXIT.conflict,
      `Conflict: ${conflicts.map((r) => r.slug).join(', ')} changed on the server since pulled; nothing was saved for ${conflicts.length === 1 ? 'it' : 'them'}`,
      conflicts.map((r) => r.message!),
      { prompts: results },
    );
  }
  return { dir, prompts: results };
}

async function pushOne(
  api: Api,
  local: LocalPrompt,
  lock: Lock,
  opts: { force: boolean; message: string; me: { name: string; authorId?: string } },
): Promise<Result> {
  const { slug, file, prompt } = local;
  const base = { slug, file };
  const detail = await getPrompt(api, slug);
  try {
    if (!detail) {
      const created = await api('POST', '/prompts', promptDetailSchema, {
        slug,
        name: prompt.name,
        description: prompt.description,
        tags: prompt.tags,
        content: prompt.content,
      });
      lock.set(slug, { revision: created.head.number, contentHash: local.contentHash, metaHash: hashMeta(created.prompt) });
      return { ...base, outcome: 'created', revision: created.head.number };
    }
    const entry = lock.get(slug);
    const headHash = hashContent(detail.head.content);
    const contentDiffers = local.contentHash !== headHash;
    const metaDiffers = local.metaHash !== hashMeta(detail.prompt);
    if (!contentDiffers && !metaDiffers) {
      lock.set(slug, { revision: detail.head.number, contentHash: headHash, metaHash: local.metaHash });
      return { ...base, outcome: 'unchanged', revision: detail.head.number };
    }
    // A file not edited since the pull would only undo the server's newer draft.
    const editedHere = !entry || local.contentHash !== entry.contentHash || local.metaHash !== entry.metaHash;
    if (!editedHere)
      return { ...base, outcome: 'behind', revision: detail.head.number, message: `the server has r${detail.head.number}; pull to update` };

    const moved = !entry || detail.head.number !== entry.revision || hashMeta(detail.prompt) !== entry.metaHash;
    let overwrote: string[] | undefined;
    if (moved) {
      const newer = entry ? await revisionsAfter(api, slug, entry.revision) : [];
      const byOthers = newer.filter((r) => !isOwnRevision(r, opts.me));
      const metaMoved = entry !== undefined && hashMeta(detail.prompt) !== entry.metaHash;
      if (!entry || byOthers.length > 0 || metaMoved) {
        const who =
          byOthers.length > 0
            ? byOthers.map(describeRevision).join(', ')
            : `r${detail.head.number} by ${detail.head.authorName ?? 'someone'}`;
        const what = !entry
          ? `${file} was never pulled here and the server's draft is ${who}`
          : byOthers.length > 0
            ? `${file} was pulled from r${entry.revision}; since then: ${who}`
            : `${file}: the name, description or tags changed on the server since the pull`;
        if (!opts.force)
          return {
            ...base,
            outcome: 'conflict',
            revision: detail.head.number,
            message: `${what}. Run galley pull ${slug} (after saving your edit) or push --force.`,
          };
        overwrote =
          byOthers.length > 0 ? byOthers.map(describeRevision) : [`r${detail.head.number} by ${detail.head.authorName ?? 'someone'}`];
      }
    }
    let revision = detail.head.number;
    let contentHash = headHash;
    if (contentDiffers) {
      const saved = await api('POST', `/prompts/${encodeURIComponent(slug)}/revisions`, savedRevisionSchema, {
        baseRevision: detail.head.number,
        content: prompt.content,
        message: opts.message,
      });
      revision = saved.revision.number;
      contentHash = local.contentHash; // what was sent; the server's hash also covers resolved includes
    }
    if (metaDiffers) await patchMeta(api, local, detail);
    lock.set(slug, { revision, contentHash, metaHash: local.metaHash });
    return { ...base, outcome: 'saved', revision, ...(overwrote && { overwrote }) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.body.head) {
      const h = error.body.head;
      return {
        ...base,
        outcome: 'conflict',
        message: `${file}: the draft moved while pushing, to r${h.number} by ${h.authorName ?? 'someone'}. Pull, then push again.`,
      };
    }
    if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
      return { ...base, outcome: 'refused', message: [`${file}: ${error.message}`, ...fieldErrorLines(local, error)].join('\n') };
    }
    throw error;
  }
}

async function patchMeta(api: Api, local: LocalPrompt, detail: PromptDetail) {
  const { name, description, tags } = local.prompt;
  const change = {
    ...(name !== detail.prompt.name && { name }),
    ...(description !== detail.prompt.description && { description }),
    ...(JSON.stringify(tags) !== JSON.stringify(detail.prompt.tags) && { tags }),
  };
  await api('PATCH', `/prompts/${encodeURIComponent(local.slug)}`, promptDetailSchema, change);
}

function report(out: Context['out'], r: Result) {
  const { colour } = out;
  const rev = r.revision ? ` r${r.revision}` : '';
  if (r.outcome === 'created') out.line(`${colour.green('created ')} ${r.file} →${rev}`);
  if (r.outcome === 'saved') out.line(`${colour.green('saved   ')} ${r.file} →${rev}`);
  if (r.outcome === 'unchanged') out.line(`${colour.dim('same    ')} ${r.file} (${rev.trim()})`);
  if (r.outcome === 'behind') out.warn(`behind   ${r.file}: ${r.message}`);
  for (const line of r.overwrote ?? []) out.warn(`${colour.yellow('overwrote')} ${line} (--force)`);
}
