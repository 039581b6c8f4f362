// Clicking a line number on the right-hand side of a diff opens the comment box for that line in
// the page's line comments (shift-click extends the range). A DOM event keeps the diff viewer
// and the comments independent: a diff on a page without comments sends it to no one.
export const COMMENT_LINE_EVENT = 'galley:comment-line';

export interface CommentLineDetail {
  blockId: string;
  line: number;
  extend: boolean;
}

export function requestLineComment(detail: CommentLineDetail) {
  window.dispatchEvent(new CustomEvent<CommentLineDetail>(COMMENT_LINE_EVENT, { detail }));
}

/** "R-12" (react-diff-viewer's id of line 12 on the right) → 12; null for the left side. */
export function rightLineNumber(lineId: string): number | null {
  const m = /^R-(\d+)$/.exec(lineId);
  return m ? Number(m[1]) : null;
}
