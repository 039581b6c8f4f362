// MCP tools over the same reads as /api/v1, for clients (and models) that work with tools
// rather than prompts. Every tool is read-only. A failure is a tool result with `isError`
// and a message naming what was wrong, as MCP asks of tools; an unexpected one is logged
// and only its reference is shown (toRpcError).
import 'server-only';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { AuthenticatedKey } from '@/lib/api/auth';
import { listServedPrompts } from '@/lib/data/serving';
import { diffContent } from '@/lib/domain/diff';
import { formatDiffText } from '@/lib/domain/diff-text';
import { SLUG_RE } from '@/lib/domain/slug';
import { AppError } from '@/lib/errors';
import { toRpcError } from './errors';
import { PROMPTS_PAGE_SIZE } from './prompts';
import { renderOrThrow, servedFields } from './render';
import { loadServed } from './served';

const MAX_VERSION = 2_147_483_647; // a PostgreSQL integer
const slug = z.string().regex(SLUG_RE, { error: 'A prompt slug uses lowercase letters, digits and dashes' }).describe('The prompt slug');
const release = (what: string) => z.int().min(1).max(MAX_VERSION).describe(what);
const version = release("A release number (3 for v3). Without it: what this API key's environment serves.").optional();
const READ_ONLY = { readOnlyHint: true, openWorldHint: false } as const;

type Output = { text: string; structured?: Record<string, unknown> };

async function toolResult(run: () => Promise<Output>): Promise<CallToolResult> {
  try {
    const { text, structured } = await run();
    return { content: [{ type: 'text', text }], ...(structured && { structuredContent: structured }) };
  } catch (e) {
    return { isError: true, content: [{ type: 'text', text: toRpcError(e).message }] };
  }
}

const json = (value: Record<string, unknown>): Output => ({ text: JSON.stringify(value, null, 2), structured: value });

export function registerTools(mcp: McpServer, key: AuthenticatedKey): void {
  mcp.registerTool(
    'list_prompts',
    {
      title: 'List prompts',
      description: `The prompts this API key can read (${PROMPTS_PAGE_SIZE} a page, by slug), with the version each is served at. Pass nextCursor back as cursor for the next page.`,
      inputSchema: { cursor: z.string().optional().describe('nextCursor from the previous page') },
      annotations: READ_ONLY,
    },
    ({ cursor }) =>
      toolResult(async () => {
        if (cursor !== undefined && !SLUG_RE.test(cursor)) throw new AppError('bad_request', 'The cursor is not one this server gave out');
        const page = await listServedPrompts(key, { after: cursor, limit: PROMPTS_PAGE_SIZE });
        return json({ environment: key.environment, ...page });
      }),
  );

  mcp.registerTool(
    'get_prompt',
    {
      title: 'Get a prompt',
      description:
        'A prompt as GET /api/v1/prompts/{slug} serves it: its blocks, variables and model settings, with version and content hash.',
      inputSchema: { slug, version },
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { snapshot } = await loadServed(key, args.slug, args.version);
        return json({
          slug: snapshot.slug,
          name: snapshot.name,
          description: snapshot.description ?? '',
          environment: key.environment,
          kind: snapshot.kind,
          ...servedFields(snapshot),
          content: snapshot.content,
        });
      }),
  );

  mcp.registerTool(
    'render_prompt',
    {
      title: 'Render a prompt',
      description:
        'Renders a prompt with variables as POST /api/v1/prompts/{slug}/render does: chat messages (roles system, user, assistant) and flat text. Values are typed JSON: a number variable takes a number, a boolean one true or false.',
      inputSchema: {
        slug,
        variables: z.record(z.string(), z.unknown()).optional().describe('Variable values by name'),
        version,
      },
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const { snapshot, content } = await loadServed(key, args.slug, args.version);
        const rendered = renderOrThrow(content, args.variables ?? {});
        return json({ messages: rendered.messages, text: rendered.text, ...servedFields(snapshot) });
      }),
  );

  mcp.registerTool(
    'compare_versions',
    {
      title: 'Compare two releases',
      description:
        'What changed between two releases of a prompt, block by block (blocks matched by id: changed, added, removed, moved), with line diffs of changed text, variables and model settings.',
      inputSchema: { slug, from: release('The older release number'), to: release('The newer release number') },
      annotations: READ_ONLY,
    },
    (args) =>
      toolResult(async () => {
        const before = await loadServed(key, args.slug, args.from);
        const after = await loadServed(key, args.slug, args.to);
        const diff = diffContent(before.content, after.content);
        return { text: formatDiffText(diff, `v${args.from}`, `v${args.to}`), structured: { summary: diff.summary } };
      }),
  );
}
