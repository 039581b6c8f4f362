'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Calls `onVisible` once when its placeholder comes near the viewport. Diff viewers below
 * the fold mount as the reader scrolls to them instead of all at once.
 */
export function WhenVisible({ onVisible, children }: { onVisible: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        onVisible();
      },
      { rootMargin: '300px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [onVisible]);
  return <div ref={ref}>{children}</div>;
}
