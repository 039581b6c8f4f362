import 'server-only';
import type { WorkspaceContext } from '@/lib/authz';
import { parseContent, type Block, type Content, type IncludePin, type IncludeResolution } from '@/lib/domain/content';
import { checkIncludes, pinLabel, resolutionOf } from '@/lib/domain/includes';
import { AppError } from '@/lib/errors';
import type { Tx } from './audit';
import type { db } from './db';
import { servedRelease } from './releases';

type Client = Tx | Awaited<ReturnType<typeof db>>;
type Host = { id: string; slug: string };

const releaseSelect = { id: true, version: true, contentHash: true, content: true } as const;

function invalid(index: number, message: string): never {
  throw new AppError('invalid', message, { fieldErrors: { [`blocks.${index}.include`]: [message] } });
}

/**
 * The release an include stands for. A release the caller already froze (named by its
 * `resolved.releaseId`, from the draft or the head) is kept while it still fits the pin, so
 * an autosave never moves an include on its own; `refresh` (the Update button) takes the
 * prompt's production release now.
 */
async function targetRelease(
  client: Client,
  workspaceId: string,
  promptId: string,
  pin: IncludePin,
  kept: (string | undefined)[],
  refresh: boolean,
) {
  if (pin !== 'production') {
    return client.release.findUnique({ where: { promptId_version: { promptId, version: pin.release } }, select: releaseSelect });
  }
  for (const releaseId of refresh ? [] : kept) {
    if (!releaseId) continue;
    const release = await client.release.findFirst({ where: { id: releaseId, promptId }, select: releaseSelect });
    if (release) return release;
  }
  const served = await servedRelease(client, promptId, workspaceId);
  return served ? client.release.findUnique({ where: { id: served.id }, select: releaseSelect }) : null;
}

/** Resolves one include block of `host` to a frozen release of a prompt of the same workspace. */
export async function resolveInclude(
  client: Client,
  ctx: WorkspaceContext,
  host: Host | null,
  spec: { promptSlug: string; pin: IncludePin },
  opts: { index?: number; kept?: (string | undefined)[]; refresh?: boolean } = {},
): Promise<IncludeResolution> {
  const index = opts.index ?? 0;
  // Loaded through the workspace: another workspace's prompt is simply not found.
  const target = await client.prompt.findUnique({
    where: { workspaceId_slug: { workspaceId: ctx.workspaceId, slug: spec.promptSlug } },
    select: { id: true, slug: true, name: true },
  });
  if (!target) invalid(index, `No prompt "${spec.promptSlug}" in this workspace to include`);
  if (host && target.id === host.id) invalid(index, `A prompt cannot include itself: ${host.slug} → ${host.slug}`);
  const release = await targetRelease(client, ctx.workspaceId, target.id, spec.pin, opts.kept ?? [], opts.refresh ?? false);
  if (!release) {
    invalid(
      index,
      spec.pin === 'production'
        ? `"${target.slug}" has no release yet; publish it before including it`
        : `"${target.slug}" has no release ${pinLabel(spec.pin)}`,
    );
  }
  const parsed = parseContent(release.content);
  if (!parsed.ok) invalid(index, `"${target.slug}" v${release.version} is not valid content`);
  const built = resolutionOf({
    promptId: target.id,
    slug: target.slug,
    name: target.name,
    releaseId: release.id,
    version: release.version,
    contentHash: release.contentHash,
    content: parsed.content,
  });
  if (!built.ok) invalid(index, built.message);
  return built.resolution;
}

/**
 * Rebuilds every include of content from the database (a resolution sent by a client is
 * never trusted, only the release it names), then refuses cycles, nesting deeper than five
 * and conflicting variables, each as a field error on the include block.
 */
export async function resolveContentIncludes(
  client: Client,
  ctx: WorkspaceContext,
  host: Host,
  content: Content,
  opts: { head?: unknown; refresh?: boolean } = {},
): Promise<Content> {
  if (!content.blocks.some((block) => block.kind === 'include')) return content;
  const headParsed = opts.head === undefined ? null : parseContent(opts.head);
  const headBlocks = new Map((headParsed?.ok ? headParsed.content.blocks : []).map((b) => [b.id, b]));
  const blocks: Block[] = [];
  for (const [index, block] of content.blocks.entries()) {
    if (block.kind !== 'include' || !block.include) {
      blocks.push(block);
      continue;
    }
    const { promptSlug, pin } = block.include;
    const before = headBlocks.get(block.id)?.include;
    const kept = [block.include.resolved?.releaseId, before?.promptSlug === promptSlug ? before.resolved?.releaseId : undefined];
    const resolved = await resolveInclude(client, ctx, host, { promptSlug, pin }, { index, kept, refresh: opts.refresh });
    blocks.push({ ...block, include: { promptSlug, pin, resolved } });
  }
  const resolved = { ...content, blocks };
  const problems = checkIncludes({ promptId: host.id, slug: host.slug }, resolved);
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[`blocks.${p.blockIndex}.include`] ??= []).push(p.message);
    throw new AppError('invalid', problems.map((p) => p.message).join(' '), { fieldErrors });
  }
  return resolved;
}
