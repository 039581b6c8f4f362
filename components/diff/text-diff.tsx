'use client';

// The only module that imports react-diff-viewer-continued; it is loaded on demand through
// lazy-text-diff.tsx so the viewer (and emotion) never land in the page's first-load JS.
import type { MouseEvent } from 'react';
import ReactDiffViewer, { DiffMethod } from 'react-diff-viewer-continued';

export interface TextDiffProps {
  oldValue: string;
  newValue: string;
  splitView: boolean;
  leftTitle: string;
  rightTitle: string;
  /** Virtualize the rows: for bodies too long to render as one table. */
  virtualize?: boolean;
  /** A click on a line number: react-diff-viewer's line id ("L-3", "R-3"). */
  onLineNumberClick?: (lineId: string, shiftKey: boolean) => void;
}

function Computing() {
  return <p className="px-3 py-6 text-center text-sm text-stone-500">Computing diff…</p>;
}

export default function TextDiff({
  oldValue,
  newValue,
  splitView,
  leftTitle,
  rightTitle,
  virtualize = false,
  onLineNumberClick,
}: TextDiffProps) {
  return (
    <div className="overflow-x-auto text-xs">
      <ReactDiffViewer
        oldValue={oldValue}
        newValue={newValue}
        splitView={splitView}
        // Word-level highlighting within changed lines; lines are still matched as lines.
        compareMethod={DiffMethod.WORDS}
        // Unified view shows only the left title, so it names both sides there.
        leftTitle={splitView ? leftTitle : `${leftTitle} → ${rightTitle}`}
        rightTitle={rightTitle}
        useDarkTheme={false}
        hideSummary
        extraLinesSurroundingDiff={3}
        loadingElement={Computing}
        {...(onLineNumberClick && { onLineNumberClick: (id: string, e: MouseEvent) => onLineNumberClick(id, e.shiftKey) })}
        {...(virtualize && { infiniteLoading: { pageSize: 50, containerHeight: '70vh' } })}
      />
    </div>
  );
}
