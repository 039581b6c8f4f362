'use client';

// Monaco is several megabytes, so it must never land in a page's first-load JS. The
// editor module (and with it monaco-editor) is fetched on demand; until it arrives the
// block body is shown in a plain textarea with the same value, label and height.
import dynamic from 'next/dynamic';
import { createContext, use } from 'react';
import { BodyEditorFallback } from './body-editor-fallback';
import type { BodyEditorProps } from './body-editor';

// next/dynamic hands its loading component no props, so the fallback reads them here.
const PendingProps = createContext<BodyEditorProps | null>(null);

function LoadingBodyEditor() {
  const props = use(PendingProps);
  return props ? <BodyEditorFallback {...props} /> : null;
}

const DynamicBodyEditor = dynamic(() => import('./body-editor'), { ssr: false, loading: LoadingBodyEditor });

export function LazyBodyEditor(props: BodyEditorProps) {
  return (
    <PendingProps value={props}>
      <DynamicBodyEditor {...props} />
    </PendingProps>
  );
}
