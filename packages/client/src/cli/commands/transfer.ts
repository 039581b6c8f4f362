// A whole workspace to a directory and back: export writes every prompt's file and a manifest;
// import creates what is missing and brings existing drafts to the files.
import fs from 'node:fs';
import path from 'node:path';
import { stringOption, type Context } from '../context.js';
import { CliError, EXIT } from '../errors.js';
import { fieldErrorLines } from '../field-errors.js';
import { hashContent, hashMeta, listSlugs, readLocal, writeLocal } from '../local.js';
import { fileFromDetail, getPrompt, listPrompts, whoami } from '../remote.js';
import { promptDetailSchema, savedRevisionSchema } from '../schemas.js';
import { ApiError } from '../api.js';

export const MANIFEST = 'galley-workspace.json';

const requireDir = (ctx: Context, command: string) => {
  const dir = stringOption(ctx.args, 'dir');
  if (!dir) throw new CliError(EXIT.usage, `galley ${command} needs --dir DIR`);
  return dir;
};

export async function commandExport(ctx: Context) {
  const dir = requireDir(ctx, 'export');
  const api = ctx.api();
  const info = await whoami(api);
  const prompts = [];
  for (const summary of await listPrompts(api)) {
    const detail = summary.head && (await getPrompt(api, summary.slug));
    if (!detail) continue;
    writeLocal(dir, summary.slug, fileFromDetail(detail));
    prompts.push({
      slug: summary.slug,
      revision: detail.head.number,
      contentHash: detail.head.contentHash,
      production: detail.production && {
        version: detail.production.version,
        revisionNumber: detail.production.revisionNumber,
        contentHash: detail.production.contentHash,
      },
    });
    ctx.out.line(`exported ${path.join(dir, `${summary.slug}.prompt.md`)} (r${detail.head.number})`);
  }
  const manifest = { workspace: info.workspace, exportedAt: new Date().toISOString(), prompts };
  fs.writeFileSync(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  ctx.out.line(`Exported ${prompts.length} prompt${prompts.length === 1 ? '' : 's'} of ${info.workspace.slug} to ${dir}.`);
  return { dir, ...manifest };
}

export async function commandImport(ctx: Context) {
  const dir = requireDir(ctx, 'import');
  if (!fs.existsSync(dir)) throw new CliError(EXIT.usage, `${dir}: no such directory`);
  const locals = listSlugs(dir).map((slug) => readLocal(dir, slug));
  const api = ctx.api();
  const results = [];
  for (const local of locals) {
    const { slug, prompt } = local;
    try {
      const detail = await getPrompt(api, slug);
      let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
      let revision = detail?.head.number;
      if (!detail) {
        const created = await api('POST', '/prompts', promptDetailSchema, {
          slug,
          name: prompt.name,
          description: prompt.description,
          tags: prompt.tags,
          content: prompt.content,
        });
        outcome = 'created';
        revision = created.head.number;
      } else {
        if (local.contentHash !== hashContent(detail.head.content)) {
          const saved = await api('POST', `/prompts/${encodeURIComponent(slug)}/revisions`, savedRevisionSchema, {
            baseRevision: detail.head.number,
            content: prompt.content,
            message: 'galley import',
          });
          revision = saved.revision.number;
          outcome = 'updated';
        }
        if (local.metaHash !== hashMeta(detail.prompt)) {
          await api('PATCH', `/prompts/${encodeURIComponent(slug)}`, promptDetailSchema, {
            name: prompt.name,
            description: prompt.description,
            tags: prompt.tags,
          });
          outcome = 'updated';
        }
      }
      ctx.out.line(`${outcome.padEnd(9)} ${local.file} (r${revision})`);
      results.push({ slug, file: local.file, outcome, revision });
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        throw new CliError(EXIT.invalid, `${local.file}: ${error.message}`, fieldErrorLines(local, error), {
          file: local.file,
          imported: results,
        });
      }
      throw error;
    }
  }
  return { dir, prompts: results };
}
