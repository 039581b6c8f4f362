'use server';

// Each action authorizes its declared permission in workspaceAction (lib/action.ts)
// before the handler runs, and lib/data asserts it again on the context.

import { workspaceAction } from '@/lib/action';
import { createPrompt as createPromptData } from '@/lib/data/prompts';
import { createPromptSchema } from '@/lib/schemas/prompt';
import { revalidateDashboard } from './revalidate';

export const createPrompt = workspaceAction(createPromptSchema, 'prompt.create', async (input, ctx) => {
  const prompt = await createPromptData(ctx, input);
  revalidateDashboard(ctx);
  return { slug: prompt.slug };
});
