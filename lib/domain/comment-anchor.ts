// Where a line comment points, and whether it still points there. A thread anchors to a
// block id, a line range (1-based, inclusive) and the exact text of those lines when it was
// written. It is "current" only while that block still has exactly that text on those
// lines; otherwise it is "outdated" and shows the original snippet, like GitHub. It is never
// moved to other text: a search for the snippet elsewhere could attach a comment to lines
// its author never saw.
import type { Content } from './content';

export interface CommentAnchor {
  blockId: string;
  startLine: number;
  endLine: number;
  /** The lines startLine..endLine of the block's body when the comment was written. */
  snippet: string;
}

export type AnchorState = { state: 'current' } | { state: 'outdated'; why: 'block_removed' | 'lines_changed' };

/** Longest range a comment may cover, so a snippet stays a snippet. */
export const MAX_ANCHOR_LINES = 200;

export function linesOf(body: string): string[] {
  return body.split(/\r?\n/);
}

/** The anchor for lines start..end of a block's body, or why those lines cannot be commented on. */
export function anchorAt(
  content: Content,
  blockId: string,
  startLine: number,
  endLine: number,
): { ok: true; anchor: CommentAnchor } | { ok: false; message: string } {
  const block = content.blocks.find((b) => b.id === blockId);
  if (!block) return { ok: false, message: 'That block is not in this revision.' };
  const lines = linesOf(block.body);
  if (!Number.isInteger(startLine) || !Number.isInteger(endLine) || startLine < 1 || endLine < startLine || endLine > lines.length) {
    return { ok: false, message: `Choose lines between 1 and ${lines.length} of “${block.title || block.kind}”.` };
  }
  if (endLine - startLine + 1 > MAX_ANCHOR_LINES) return { ok: false, message: `A comment covers at most ${MAX_ANCHOR_LINES} lines.` };
  return { ok: true, anchor: { blockId, startLine, endLine, snippet: lines.slice(startLine - 1, endLine).join('\n') } };
}

/** Whether the anchor still holds on `content` (say, the draft head now). */
export function anchorState(anchor: CommentAnchor, content: Content): AnchorState {
  const block = content.blocks.find((b) => b.id === anchor.blockId);
  if (!block) return { state: 'outdated', why: 'block_removed' };
  const lines = linesOf(block.body);
  if (anchor.endLine > lines.length) return { state: 'outdated', why: 'lines_changed' };
  const now = lines.slice(anchor.startLine - 1, anchor.endLine).join('\n');
  return now === anchor.snippet ? { state: 'current' } : { state: 'outdated', why: 'lines_changed' };
}

export interface ThreadSummary {
  resolved: boolean;
  /** The status of the review it was written on, or null for one written on the compare view. */
  reviewStatus: 'open' | 'closed' | 'published' | null;
  /** The revision whose lines it anchors to. */
  revisionNumber: number;
}

/**
 * The threads that are part of the conversation about the next release, like a pull request's:
 * those on an open review, and those written on the compare view on a revision newer than the
 * one production serves. Threads on closed or published reviews, and compare-view threads on
 * what production already serves, are history.
 */
export function currentThreads(threads: ThreadSummary[], productionRevisionNumber: number | null): ThreadSummary[] {
  return threads.filter((t) =>
    t.reviewStatus === null ? productionRevisionNumber === null || t.revisionNumber > productionRevisionNumber : t.reviewStatus === 'open',
  );
}

/** The gate's "all conversations resolved" reason, or null when none is open. */
export function unresolvedBlocker(threads: ThreadSummary[], productionRevisionNumber: number | null = null): string | null {
  const open = currentThreads(threads, productionRevisionNumber).filter((t) => !t.resolved).length;
  if (open === 0) return null;
  return `${open} conversation${open === 1 ? '' : 's'} ${open === 1 ? 'is' : 'are'} not resolved.`;
}
