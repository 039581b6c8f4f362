'use client';

// Monaco is several megabytes, so it must never land in a page's first-load JS. The
// editor module (and with it monaco-editor) is fetched on demand, and a block gets its
// Monaco instance only when it comes within NEAR_VIEWPORT_PX of the viewport or takes
// focus: a 200-block prompt would otherwise start 200 editors. Until then the body is an
// editable textarea with the same value, label and height, wired to the same onChange and
// onBlur, so nothing typed into it is lost. A focused textarea is swapped only once it loses
// focus, so the caret never jumps out from under the author. A body that is not `eager` (far
// down a long prompt) renders no text at all until then, only an empty box of the same height:
// the server does not send its text twice (once in the HTML, once in the RSC payload) and the
// page does not hold 200 textareas. Focusing that box (Tab) turns it into the textarea.
import dynamic from 'next/dynamic';
import { createContext, use, useEffect, useRef, useState } from 'react';
import { BodyEditorFallback, fallbackHeight } from './body-editor-fallback';
import type { BodyEditorProps } from './body-editor';

const NEAR_VIEWPORT_PX = 800;

const loadEditor = () => import('./body-editor');

// next/dynamic hands its loading component no props, so the fallback reads them here.
const PendingProps = createContext<BodyEditorProps | null>(null);

function LoadingBodyEditor() {
  const props = use(PendingProps);
  return props ? <BodyEditorFallback {...props} /> : null;
}

const DynamicBodyEditor = dynamic(loadEditor, { ssr: false, loading: LoadingBodyEditor });

export interface LazyBodyEditorProps extends BodyEditorProps {
  /** Render the text (as a textarea) before the body nears the viewport; default true. */
  eager?: boolean;
}

export function LazyBodyEditor({ eager = true, ...props }: LazyBodyEditorProps) {
  const box = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState(false);
  const [focused, setFocused] = useState(false);
  // Set when the empty box took focus: the textarea that replaces it takes the focus over.
  const [focusHandedOver, setFocusHandedOver] = useState(false);

  useEffect(() => {
    // Start fetching the chunk at once: the first editor appears sooner.
    void loadEditor();
    const element = box.current;
    if (wanted || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- no observer: mount at once
      setWanted(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          setWanted(true);
        }
      },
      { rootMargin: `${NEAR_VIEWPORT_PX}px 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);

  const mounted = wanted && !focused;
  return (
    <div ref={box}>
      {mounted ? (
        <PendingProps value={props}>
          <DynamicBodyEditor {...props} />
        </PendingProps>
      ) : !eager && !wanted && !focused ? (
        <div
          tabIndex={0}
          aria-label={props.ariaLabel}
          data-editor-placeholder=""
          style={{ height: fallbackHeight(props.value, props.minLines ?? 3) }}
          onFocus={() => {
            setFocusHandedOver(true);
            setFocused(true);
            setWanted(true);
          }}
        />
      ) : (
        <BodyEditorFallback
          {...props}
          autoFocus={focusHandedOver}
          onFocus={() => {
            setFocused(true);
            setWanted(true);
          }}
          onBlur={() => {
            setFocused(false);
            props.onBlur?.();
          }}
        />
      )}
    </div>
  );
}
