'use client';

import { createContext, useContext } from 'react';

export interface IncludeOptions {
  workspace: string;
  promptId: string;
  /** The workspace's prompts that have a release (what an include may name). */
  includable: { slug: string; name: string; releaseCount: number }[];
}

const IncludeContext = createContext<IncludeOptions | null>(null);

export const IncludeOptionsProvider = IncludeContext.Provider;

export function useIncludeOptions(): IncludeOptions | null {
  return useContext(IncludeContext);
}
