import 'server-only';
// Reads that several parts of one page make, once per request (React's cache(): within a
// server render the same arguments share one result; anywhere else every call reads). A
// prompt page's Publish bar, its deployments, its schedule and its include updates all ask
// whether the prompt is in the workspace and what production serves. Never use these inside
// a transaction: they read outside it.
import { cache } from 'react';
import { AppError } from '@/lib/errors';
import { db } from './db';
import { servedRelease } from './releases';

/** The prompt's id when it is in the workspace; "not found" otherwise. */
export const promptInWorkspace = cache(async (workspaceId: string, promptId: string): Promise<string> => {
  const prompt = await (await db()).prompt.findFirst({ where: { id: promptId, workspaceId }, select: { id: true } });
  if (!prompt) throw new AppError('not_found', 'Prompt not found');
  return prompt.id;
});

type Client = Awaited<ReturnType<typeof db>>;

/** A read of one prompt's data on the shared handle, once per request for the same prompt. */
export function oncePerRequest<T>(read: (client: Client, promptId: string, workspaceId: string) => Promise<T>) {
  return cache(async (promptId: string, workspaceId: string) => read(await db(), promptId, workspaceId));
}

/** What production serves for the prompt (servedRelease), read once per request. */
export const servedReleaseNow = oncePerRequest(servedRelease);
