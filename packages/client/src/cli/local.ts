// Prompt files on disk: listing, reading (errors name the file and line), writing, and the
// hashes that say whether a file still matches what was pulled. Hashes are the server's own
// (canonical JSON, sha256), so a file's content hash equals the revision's when they agree.
import fs from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '../../../../lib/domain/canonical';
import { contentHash } from '../../../../lib/domain/hash';
import type { Content } from '../../../../lib/domain/content';
import { parsePromptFile, PROMPT_FILE_SUFFIX, PromptFileError, serializePromptFile, type PromptFile } from '../prompt-file/index.js';
import { CliError, EXIT } from './errors.js';
import { createHash } from 'node:crypto';

export interface LocalPrompt {
  slug: string;
  file: string;
  prompt: PromptFile;
  contentHash: string;
  metaHash: string;
  lineOf: (fieldPath: string) => number;
}

export const fileOf = (dir: string, slug: string) => path.join(dir, `${slug}${PROMPT_FILE_SUFFIX}`);

/**
 * The hash of the content as authored: an include's `resolved` part (which release the server
 * resolved it to) is left out, since a file never holds it and the server resolves it again on
 * save. For content without includes this is the revision's own `contentHash`.
 */
export function hashContent(content: PromptFile['content']): string {
  const blocks = content.blocks.map((block) => {
    if (!block.include?.resolved) return block;
    const include = { ...block.include };
    delete include.resolved;
    return { ...block, include };
  });
  return contentHash({ ...content, blocks } as Content);
}

export function hashMeta(meta: Pick<PromptFile, 'name' | 'description' | 'tags'>): string {
  return createHash('sha256')
    .update(canonicalJson({ name: meta.name, description: meta.description, tags: meta.tags }))
    .digest('hex');
}

export function listSlugs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(PROMPT_FILE_SUFFIX))
    .map((name) => name.slice(0, -PROMPT_FILE_SUFFIX.length))
    .sort();
}

export function readLocal(dir: string, slug: string): LocalPrompt {
  const file = fileOf(dir, slug);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(EXIT.usage, `${file}: no such prompt file`);
  }
  try {
    const { file: prompt, lineOf } = parsePromptFile(text);
    return { slug, file, prompt, contentHash: hashContent(prompt.content), metaHash: hashMeta(prompt), lineOf };
  } catch (error) {
    if (error instanceof PromptFileError) {
      throw new CliError(EXIT.invalid, `${file}:${error.line}: ${error.reason}`, [], { file, line: error.line });
    }
    throw error;
  }
}

/** Writes the file; true when its bytes changed. */
export function writeLocal(dir: string, slug: string, prompt: PromptFile): boolean {
  const file = fileOf(dir, slug);
  const text = serializePromptFile(prompt);
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return false;
  fs.writeFileSync(file, text);
  return true;
}
