// The write API's prompt operations: list, create, read, and change name, description, tags.
import 'server-only';
import { createPrompt } from '@/lib/data/prompts';
import { updatePromptDetails } from '@/lib/data/prompt-details';
import { promptBySlug } from '@/lib/data/prompt-refs';
import { getPromptSnapshot, listPromptSummaries } from '@/lib/data/prompt-snapshots';
import type { Content } from '@/lib/domain/content';
import { AppError } from '@/lib/errors';
import { slugPathSchema } from '@/lib/schemas/read-api';
import {
  createPromptBodySchema,
  promptPageQuerySchema,
  updatePromptBodySchema,
  type PromptDetailBody,
  type PromptPageBody,
} from '@/lib/schemas/write-api';
import { jsonResponse } from './http';
import { parseBody, parseRequest, queryObject } from './request';
import { iso, NO_STORE, type WorkspaceCall } from './workspace-call';

export const slugOf = (call: WorkspaceCall) => parseRequest(slugPathSchema, { slug: call.slug }).slug;

export async function listPromptsOp({ ctx, query }: WorkspaceCall) {
  const { cursor, limit } = parseRequest(promptPageQuerySchema, queryObject(query));
  const page = await listPromptSummaries(ctx, { after: cursor, limit: limit ?? 50 });
  const body: PromptPageBody = {
    items: page.items.map((p) => ({ ...p, head: p.head && { ...p.head, createdAt: iso(p.head.createdAt) } })),
    nextCursor: page.nextCursor,
  };
  return jsonResponse(200, body, NO_STORE);
}

async function detail(ctx: WorkspaceCall['ctx'], slug: string): Promise<PromptDetailBody> {
  const snapshot = await getPromptSnapshot(ctx, slug);
  if (!snapshot.head) throw new AppError('not_found', `Prompt "${slug}" has no draft`);
  return {
    prompt: snapshot.prompt,
    head: { ...snapshot.head, createdAt: iso(snapshot.head.createdAt), content: snapshot.head.content as Content },
    production: snapshot.production && { ...snapshot.production, content: snapshot.production.content as Content },
    staging: snapshot.staging && { ...snapshot.staging, content: snapshot.staging.content as Content },
  };
}

export async function createPromptOp({ ctx, req }: WorkspaceCall) {
  const { content, ...input } = parseBody(createPromptBodySchema, req.body);
  const created = await createPrompt(ctx, input, content);
  return jsonResponse(201, await detail(ctx, created.slug), NO_STORE);
}

export async function getPromptOp(call: WorkspaceCall) {
  return jsonResponse(200, await detail(call.ctx, slugOf(call)), NO_STORE);
}

export async function updatePromptOp(call: WorkspaceCall) {
  const slug = slugOf(call);
  const input = parseBody(updatePromptBodySchema, call.req.body);
  const prompt = await promptBySlug(call.ctx, slug);
  await updatePromptDetails(call.ctx, prompt.id, input);
  return jsonResponse(200, await detail(call.ctx, slug), NO_STORE);
}
