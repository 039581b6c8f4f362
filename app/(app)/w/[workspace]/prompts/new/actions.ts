'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/action';
import { authorize } from '@/lib/authz';
import { createPrompt as createPromptData } from '@/lib/data/prompts';
import { createPromptSchema } from '@/lib/schemas/prompt';

export const createPrompt = action(createPromptSchema, async ({ workspace, ...input }, user) => {
  const ctx = await authorize(user.id, workspace, 'prompt.create');
  const prompt = await createPromptData(ctx, input);
  revalidatePath(`/w/${ctx.workspaceSlug}`);
  return { slug: prompt.slug };
});
