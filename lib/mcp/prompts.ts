// Galley prompts as MCP prompts (prompts/list, prompts/get). The prompt's name is its slug,
// its arguments are its declared variables, and prompts/get renders it as /api/v1 does.
//
// Roles: MCP prompt messages are only `user` or `assistant`, so Galley's system text (the
// system, instructions, context, … blocks, merged as the render merges them) arrives as a
// `user` message of its own, in its place, with its text unchanged. `_meta.galley.roles`
// lists the rendered roles (system, user, assistant) message by message, so a client that can
// set a system prompt may restore them.
import 'server-only';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { GetPromptRequestSchema, ListPromptsRequestSchema, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js';
import type { AuthenticatedKey } from '@/lib/api/auth';
import { listServedSnapshots, type ServedSnapshot } from '@/lib/data/serving';
import { parseContent } from '@/lib/domain/content';
import { SLUG_RE } from '@/lib/domain/slug';
import { stringValueHint, valuesFromStrings } from '@/lib/domain/string-values';
import { anyParams, invalidParams, mcpGuard, parseRequest } from './errors';
import { invalidVariables, renderOrThrow, servedFields } from './render';
import { loadServed } from './served';

/** Prompts per prompts/list page; the client follows `nextCursor` for the rest. */
export const PROMPTS_PAGE_SIZE = 100;

export function registerPrompts(server: Server, key: AuthenticatedKey): void {
  server.setRequestHandler(anyParams('prompts/list'), (raw) =>
    mcpGuard(async () => {
      const cursor = parseRequest(ListPromptsRequestSchema, raw).params?.cursor;
      if (cursor !== undefined && !SLUG_RE.test(cursor)) throw invalidParams('The cursor is not one this server gave out');
      const page = await listServedSnapshots(key, { after: cursor, limit: PROMPTS_PAGE_SIZE });
      return { prompts: page.snapshots.map(describePrompt), ...(page.nextCursor && { nextCursor: page.nextCursor }) };
    }),
  );

  server.setRequestHandler(anyParams('prompts/get'), (raw) =>
    mcpGuard(async (): Promise<GetPromptResult> => {
      const request = parseRequest(GetPromptRequestSchema, raw);
      const { snapshot, content } = await loadServed(key, request.params.name);
      const values = valuesFromStrings(content.variables, request.params.arguments ?? {});
      if (!values.ok) throw invalidVariables(values.errors);
      const rendered = renderOrThrow(content, values.values);
      return {
        description: promptDescription(snapshot),
        messages: rendered.messages.map((m) => ({
          role: m.role === 'assistant' ? 'assistant' : 'user',
          content: { type: 'text', text: m.content },
        })),
        _meta: { galley: { slug: snapshot.slug, ...servedFields(snapshot), roles: rendered.messages.map((m) => m.role) } },
      };
    }),
  );
}

function describePrompt(snapshot: ServedSnapshot): Prompt {
  // A prompt whose served content does not parse is still listed; prompts/get then says why.
  const parsed = parseContent(snapshot.content);
  const variables = parsed.ok ? parsed.content.variables : [];
  return {
    name: snapshot.slug,
    title: snapshot.name,
    description: promptDescription(snapshot),
    arguments: variables.map((v) => ({
      name: v.name,
      description: [v.description, `(${stringValueHint(v)})`].filter(Boolean).join(' '),
      // A required variable with a default can be left out: the default fills it.
      required: v.required && v.default === undefined,
    })),
  };
}

function promptDescription(snapshot: ServedSnapshot): string {
  const served = snapshot.kind === 'release' ? `release v${snapshot.version}` : `revision r${snapshot.revision}`;
  return snapshot.description ? `${snapshot.description} (${served})` : `${snapshot.name} (${served})`;
}
