'use client';

import dynamic from 'next/dynamic';
import type { TextDiffProps } from './text-diff';

function LoadingViewer() {
  return <p className="px-3 py-6 text-center text-sm text-stone-500">Loading diff viewer…</p>;
}

// Browser-only (it measures the DOM and diffs in a Web Worker), so it is not server-rendered.
const DynamicTextDiff = dynamic(() => import('./text-diff'), { ssr: false, loading: LoadingViewer });

export function LazyTextDiff(props: TextDiffProps) {
  return <DynamicTextDiff {...props} />;
}
