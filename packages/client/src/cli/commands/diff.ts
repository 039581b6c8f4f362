import { diffContent } from '../../../../../lib/domain/diff';
import { formatDiffText } from '../../../../../lib/domain/diff-text';
import type { Content } from '../../../../../lib/domain/content';
import { dirOption, stringOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { listSlugs, readLocal, type LocalPrompt } from '../local.js';
import type { Colour } from '../output.js';
import { getPrompt } from '../remote.js';
import type { PromptDetail } from '../schemas.js';

export async function commandDiff({ args, out, api }: Context) {
  const dir = dirOption(args);
  const against = stringOption(args, 'against') ?? 'draft';
  if (against !== 'draft' && against !== 'production') throw new CliError(EXIT.usage, '--against must be draft or production');
  const client = api();
  const slugs = args.positionals.length > 0 ? args.positionals : listSlugs(dir);
  const results = [];
  for (const slug of slugs) {
    const local = readLocal(dir, slug);
    const detail = await getPrompt(client, slug);
    const result = diffOne(local, detail, against);
    results.push(result);
    if (result.identical && args.positionals.length === 0) continue;
    out.line(out.colour.bold(`${result.target} → ${local.file}`));
    for (const line of result.text.split('\n')) out.line(paint(line, out.colour));
    out.line();
  }
  if (results.every((r) => r.identical))
    out.line(`No differences against the ${against === 'draft' ? 'draft heads' : 'production releases'}.`);
  return {
    dir,
    against,
    prompts: results.map((r) => ({
      slug: r.slug,
      file: r.file,
      target: r.target,
      identical: r.identical,
      summary: r.summary,
      diff: r.diff,
      details: r.details,
    })),
  };
}

function diffOne(local: LocalPrompt, detail: PromptDetail | null, against: 'draft' | 'production') {
  const server = !detail
    ? null
    : against === 'draft'
      ? { label: `draft r${detail.head.number}`, content: detail.head.content }
      : detail.production && { label: `production v${detail.production.version}`, content: detail.production.content };
  const target = server?.label ?? (detail ? 'no production release' : 'not on the server');
  const content = diffContent((server?.content ?? null) as Content | null, local.prompt.content as Content);
  const meta = detail ? metaLines(detail.prompt, local.prompt) : [];
  const text = [formatDiffText(content, target, 'the file'), ...(meta.length ? ['', 'Details:', ...meta] : [])].join('\n');
  const identical = content.summary.identical && meta.length === 0;
  return { slug: local.slug, file: local.file, target, identical, summary: content.summary, diff: content, details: meta, text };
}

function metaLines(
  before: { name: string; description: string; tags: string[] },
  after: { name: string; description: string; tags: string[] },
) {
  return (['name', 'description', 'tags'] as const)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `~ ${key}: ${JSON.stringify(before[key])} → ${JSON.stringify(after[key])}`);
}

function paint(line: string, colour: Colour): string {
  const sign = /^(\s*)([-+~@]|↕)/.exec(line)?.[2];
  if (line.trimStart().startsWith('@@')) return colour.cyan(line);
  if (sign === '+') return colour.green(line);
  if (sign === '-') return colour.red(line);
  if (sign === '~' || sign === '↕') return colour.yellow(line);
  if (/^(Blocks|Variables|Model settings|Details):$/.test(line) || line.startsWith('Changes from')) return colour.bold(line);
  return line;
}
