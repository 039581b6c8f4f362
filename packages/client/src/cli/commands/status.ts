import { dirOption, type Context } from '../context.js';
import { readLock } from '../lock.js';
import { fileOf, hashMeta, listSlugs, readLocal } from '../local.js';
import { listPrompts } from '../remote.js';
import { classify, type PromptState } from '../state.js';

const HINT: Record<PromptState, string> = {
  new: 'push creates it',
  modified: 'push saves it',
  unchanged: '',
  behind: 'pull updates it',
  conflict: 'changed here and on the server: pull --force, or push --force',
  remote: 'on the server only: pull writes it',
  deleted: 'file removed; push does not delete prompts',
};

export async function commandStatus({ args, out, api }: Context) {
  const dir = dirOption(args);
  const lock = readLock(dir);
  const locals = new Map(listSlugs(dir).map((slug) => [slug, readLocal(dir, slug)]));
  const remotes = new Map((await listPrompts(api())).map((p) => [p.slug, p]));
  const slugs = [...new Set([...locals.keys(), ...remotes.keys(), ...lock.keys()])].sort();
  const prompts = slugs.map((slug) => {
    const remote = remotes.get(slug);
    const entry = lock.get(slug);
    const state = classify(locals.get(slug), entry, remote, remote && hashMeta(remote));
    return {
      slug,
      file: fileOf(dir, slug),
      state,
      lockedRevision: entry?.revision ?? null,
      headRevision: remote?.head?.number ?? null,
      headAuthor: remote?.head?.authorName ?? null,
    };
  });
  const { colour } = out;
  const paint: Record<PromptState, (s: string) => string> = {
    new: colour.green,
    modified: colour.yellow,
    unchanged: colour.dim,
    behind: colour.cyan,
    conflict: colour.red,
    remote: colour.cyan,
    deleted: colour.red,
  };
  for (const p of prompts) {
    const revs =
      p.state === 'behind' || p.state === 'conflict'
        ? ` (pulled r${p.lockedRevision ?? '?'}, server r${p.headRevision} by ${p.headAuthor ?? 'someone'})`
        : '';
    const hint = HINT[p.state] ? colour.dim(`  ${HINT[p.state]}`) : '';
    out.line(`${paint[p.state](p.state.padEnd(9))}  ${p.state === 'remote' ? p.slug : p.file}${revs}${hint}`);
  }
  if (prompts.length === 0) out.line(`No prompt files in ${dir} and no prompts on the server.`);
  return { dir, prompts };
}
