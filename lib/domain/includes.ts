// Includes: a block that stands for another prompt's release. Resolution (finding the release)
// needs the database and lives in lib/data/includes.ts; everything here is pure: building the
// frozen resolution from a release, expanding content for rendering and serving, merging
// variables, and the cycle and depth checks.
import { canonicalJson } from './canonical';
import type { Block, Content, FlatBlock, IncludeEdge, IncludePin, IncludeResolution, Variable } from './content';

export const MAX_INCLUDE_DEPTH = 5;

export type IncludeProblem = { blockIndex: number; message: string };

/** `v3` or `production`, as the editor, the diff and messages say it. */
export function pinLabel(pin: IncludePin): string {
  return pin === 'production' ? 'production' : `v${pin.release}`;
}

export type VariableSource = { prompt: string; variables: Variable[] };
export type MergeVariablesResult = { ok: true; variables: Variable[] } | { ok: false; message: string; variable: string };

/**
 * The variables of a prompt and of what it includes, as one list. The same name defined the
 * same way is one variable; defined differently it is a conflict naming both prompts.
 */
export function mergeVariables(sources: VariableSource[]): MergeVariablesResult {
  const seen = new Map<string, { prompt: string; variable: Variable; canonical: string }>();
  const merged: Variable[] = [];
  for (const source of sources) {
    for (const variable of source.variables) {
      const canonical = canonicalJson(variable);
      const before = seen.get(variable.name);
      if (!before) {
        seen.set(variable.name, { prompt: source.prompt, variable, canonical });
        merged.push(variable);
      } else if (before.canonical !== canonical) {
        return {
          ok: false,
          variable: variable.name,
          message: `Variable "${variable.name}" is defined differently in "${before.prompt}" and "${source.prompt}"`,
        };
      }
    }
  }
  return { ok: true, variables: merged };
}

export type ExpandResult = { ok: true; content: Content } | { ok: false; message: string; variable: string };

/**
 * Replaces every resolved include with the blocks it stands for and merges the variables.
 * Included block ids are prefixed with the include block's id so that two includes of one
 * prompt stay distinct. An include that is disabled contributes nothing; one that is not
 * resolved yet (a draft the server has not seen) is dropped.
 */
export function expandContent(content: Content, promptLabel = 'this prompt'): ExpandResult {
  if (!content.blocks.some((block) => block.kind === 'include')) return { ok: true, content };
  const blocks: FlatBlock[] = [];
  const sources: VariableSource[] = [{ prompt: promptLabel, variables: content.variables }];
  for (const block of content.blocks) {
    if (block.kind !== 'include') {
      blocks.push(block);
      continue;
    }
    const resolved = block.include?.resolved;
    if (!resolved) continue;
    sources.push({ prompt: resolved.slug, variables: resolved.variables });
    for (const inner of resolved.blocks) {
      blocks.push({ ...inner, id: `${block.id}_${inner.id}`.slice(0, 64), enabled: block.enabled && inner.enabled });
    }
  }
  const merged = mergeVariables(sources);
  if (!merged.ok) return merged;
  return { ok: true, content: { ...content, blocks, variables: merged.variables } };
}

/** The release an include will stand for, as the server loaded it. */
export interface IncludeTarget {
  promptId: string;
  slug: string;
  name: string;
  releaseId: string;
  version: number;
  contentHash: string;
  content: Content;
}

/** Builds the frozen resolution of an include from the release it resolves to. */
export function resolutionOf(target: IncludeTarget): { ok: true; resolution: IncludeResolution } | { ok: false; message: string } {
  const expanded = expandContent(target.content, target.slug);
  if (!expanded.ok) return expanded;
  const graph: IncludeEdge[] = [];
  let depth = 1;
  for (const block of target.content.blocks) {
    const inner = block.include?.resolved;
    if (!inner) continue;
    graph.push({
      fromPromptId: target.promptId,
      promptId: inner.promptId,
      slug: inner.slug,
      releaseId: inner.releaseId,
      version: inner.version,
    });
    graph.push(...inner.graph);
    depth = Math.max(depth, inner.depth + 1);
  }
  return {
    ok: true,
    resolution: {
      promptId: target.promptId,
      slug: target.slug,
      name: target.name,
      releaseId: target.releaseId,
      version: target.version,
      contentHash: target.contentHash,
      blocks: expanded.content.blocks,
      variables: expanded.content.variables,
      graph,
      depth,
    },
  };
}

/**
 * The path of a cycle the host would close by including `resolution` (host → … → host), or
 * null. The graph is the included release's: its edges say which prompt includes which.
 */
export function findCycle(host: { promptId: string; slug: string }, resolution: IncludeResolution): string[] | null {
  if (resolution.promptId === host.promptId) return [host.slug, host.slug];
  const children = new Map<string, IncludeEdge[]>();
  for (const edge of resolution.graph) children.set(edge.fromPromptId, [...(children.get(edge.fromPromptId) ?? []), edge]);
  const walk = (promptId: string, path: string[], visiting: Set<string>): string[] | null => {
    for (const edge of children.get(promptId) ?? []) {
      if (edge.promptId === host.promptId) return [...path, host.slug];
      if (visiting.has(edge.promptId)) continue;
      visiting.add(edge.promptId);
      const found = walk(edge.promptId, [...path, edge.slug], visiting);
      if (found) return found;
    }
    return null;
  };
  return walk(resolution.promptId, [host.slug, resolution.slug], new Set([resolution.promptId]));
}

/** Cycle, depth and variable problems of content whose includes are resolved. */
export function checkIncludes(host: { promptId: string; slug: string }, content: Content): IncludeProblem[] {
  const problems: IncludeProblem[] = [];
  content.blocks.forEach((block, blockIndex) => {
    const resolved = block.include?.resolved;
    if (!resolved) return;
    const cycle = findCycle(host, resolved);
    if (cycle) problems.push({ blockIndex, message: `Including "${resolved.slug}" would make a cycle: ${cycle.join(' → ')}` });
    else if (resolved.depth + 1 > MAX_INCLUDE_DEPTH) {
      problems.push({
        blockIndex,
        message: `Including "${resolved.slug}" nests includes ${resolved.depth + 1} deep; at most ${MAX_INCLUDE_DEPTH} are allowed`,
      });
    }
  });
  const expanded = expandContent(content, host.slug);
  if (!expanded.ok) {
    const at = content.blocks.findIndex((b) => b.include?.resolved?.variables.some((v) => v.name === expanded.variable));
    problems.push({ blockIndex: Math.max(at, 0), message: expanded.message });
  }
  return problems;
}

/**
 * A block as the diff compares it: an include reads as its pin, the release it stands for
 * and the included text, and a placeholder as its name, so that pin changes and changes of
 * the included content show up as text changes of the block.
 */
export function diffableBlock(block: Block): Block {
  if (block.kind === 'placeholder' && block.placeholder) {
    return { ...block, body: `Placeholder "${block.placeholder.name}" (${block.placeholder.required ? 'required' : 'optional'})` };
  }
  if (block.kind !== 'include' || !block.include) return block;
  const { promptSlug, pin, resolved } = block.include;
  const head = `Includes ${promptSlug}, pinned to ${pinLabel(pin)}${resolved ? `: v${resolved.version}` : ''}`;
  const text = (resolved?.blocks ?? []).filter((b) => b.enabled).map((b) => `[${b.kind}] ${b.body}`);
  return { ...block, body: [head, ...text].join('\n\n') };
}

/** One include of content as the read API and the editor summarize it. */
export interface IncludeSummary {
  blockId: string;
  slug: string;
  pin: string;
  version: number | null;
  releaseId: string | null;
}

export function summarizeIncludes(content: Content): IncludeSummary[] {
  return content.blocks.flatMap((block) =>
    block.include
      ? [
          {
            blockId: block.id,
            slug: block.include.promptSlug,
            pin: pinLabel(block.include.pin),
            version: block.include.resolved?.version ?? null,
            releaseId: block.include.resolved?.releaseId ?? null,
          },
        ]
      : [],
  );
}

/** Every release the content stands on, direct and nested (the release's include graph). */
export function includedReleaseIds(content: Content): { releaseId: string; direct: boolean }[] {
  const out = new Map<string, boolean>();
  for (const block of content.blocks) {
    const resolved = block.include?.resolved;
    if (!resolved) continue;
    out.set(resolved.releaseId, true);
    for (const edge of resolved.graph) if (!out.has(edge.releaseId)) out.set(edge.releaseId, false);
  }
  return [...out].map(([releaseId, direct]) => ({ releaseId, direct }));
}

/** Includes pinned to production whose frozen release is older than the prompt's production now. */
export function availableUpdates(content: Content, production: Map<string, number>) {
  return content.blocks.flatMap((block) => {
    const include = block.include;
    const resolved = include?.resolved;
    if (!include || !resolved || include.pin !== 'production') return [];
    const now = production.get(resolved.promptId);
    return now !== undefined && now > resolved.version
      ? [{ blockId: block.id, slug: resolved.slug, has: resolved.version, available: now }]
      : [];
  });
}
