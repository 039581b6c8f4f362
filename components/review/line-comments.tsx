'use client';

// Line comments on a review or on the compare view: a "Comment" button on each line of each
// block of the revision, and the threads under the block with an Outdated badge and the
// original snippet when the draft no longer has it. Comment text is Markdown, rendered without raw HTML
// (comment-markdown.tsx).
import { useEffect, useState } from 'react';
import { COMMENT_LINE_EVENT, type CommentLineDetail } from './comment-line-event';
import { CommentMarkdown } from './comment-markdown';
import { createThread, deleteComment, editComment, replyToThread, setThreadResolved } from '@/lib/actions/review-comments';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ThreadView } from '@/lib/data/review-comments';
import { linesOf } from '@/lib/domain/comment-anchor';

interface Block {
  id: string;
  title: string;
  kind: string;
  body: string;
}

function CommentBox({
  label,
  onSubmit,
  pending,
  initial = '',
}: {
  label: string;
  onSubmit: (body: string) => void;
  pending: boolean;
  initial?: string;
}) {
  const [body, setBody] = useState(initial);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(body);
      }}
    >
      <textarea
        aria-label={label}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        className="w-full rounded border border-stone-300 p-2 text-sm"
      />
      <Button type="submit" size="sm" disabled={pending}>
        {label}
      </Button>
    </form>
  );
}

function Thread({
  workspace,
  thread,
  userId,
  canComment,
  reviewHref,
}: {
  workspace: string;
  thread: ThreadView;
  userId: string;
  canComment: boolean;
  /** Where the review it was written on lives, when that is not this page. */
  reviewHref?: string;
}) {
  const reply = useAction(replyToThread);
  const resolve = useAction(setThreadResolved);
  const edit = useAction(editComment);
  const del = useAction(deleteComment);
  const [editing, setEditing] = useState<string | null>(null);
  const outdated = thread.anchor.state === 'outdated';
  const lines = thread.startLine === thread.endLine ? `line ${thread.startLine}` : `lines ${thread.startLine}–${thread.endLine}`;
  return (
    <li aria-label={`Conversation on ${lines}`} className="space-y-2 rounded-lg border border-stone-200 bg-stone-50 p-3">
      <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
        <span className="font-medium">{lines}</span>
        <span>of r{thread.revisionNumber}</span>
        {thread.reviewId === null ? (
          <span>· on the compare view</span>
        ) : (
          reviewHref && (
            <a href={reviewHref} className="text-indigo-700 hover:underline">
              · on a review
            </a>
          )
        )}
        {outdated && <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-800">Outdated</span>}
        {thread.resolved && <span className="rounded bg-emerald-100 px-1.5 py-0.5 font-semibold text-emerald-800">Resolved</span>}
      </div>
      <pre className="whitespace-pre-wrap break-words rounded bg-white p-2 font-mono text-xs text-stone-700">{thread.snippet}</pre>
      <ul className="space-y-2">
        {thread.comments.map((c) => (
          <li key={c.id} className="text-sm">
            <span className="font-medium text-stone-800">{c.authorName}</span>
            {c.edited && !c.deleted && <span className="text-xs text-stone-500"> (edited)</span>}
            {c.deleted ? (
              <p className="italic text-stone-500">This comment was deleted.</p>
            ) : editing === c.id ? (
              <CommentBox
                label="Save comment"
                initial={c.body}
                pending={edit.pending}
                onSubmit={async (body) => {
                  if ((await edit.run({ workspace, commentId: c.id, body })).ok) setEditing(null);
                }}
              />
            ) : (
              <CommentMarkdown body={c.body} />
            )}
            {canComment && c.authorId === userId && !c.deleted && editing !== c.id && (
              <span className="flex gap-2 text-xs">
                <button type="button" className="text-indigo-700 hover:underline" onClick={() => setEditing(c.id)}>
                  Edit
                </button>
                <button type="button" className="text-red-700 hover:underline" onClick={() => del.run({ workspace, commentId: c.id })}>
                  Delete
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <>
          <CommentBox label="Reply" pending={reply.pending} onSubmit={(body) => reply.run({ workspace, threadId: thread.id, body })} />
          <Button
            variant="secondary"
            size="sm"
            disabled={resolve.pending}
            onClick={() => resolve.run({ workspace, threadId: thread.id, resolved: !thread.resolved })}
          >
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </Button>
        </>
      )}
      <FormError message={reply.error ?? resolve.error ?? edit.error ?? del.error} />
    </li>
  );
}

export function LineComments(props: {
  workspace: string;
  promptId: string;
  /** Where new threads go: a review, or a revision (the compare view's right-hand side). */
  on: { reviewId: string } | { revisionNumber: number };
  userId: string;
  canComment: boolean;
  blocks: Block[];
  threads: ThreadView[];
  /** On the compare view: the prompt's reviews path, to link a thread to its review. */
  reviewsPath?: string;
}) {
  const { workspace, promptId, on, blocks, threads, canComment, userId, reviewsPath } = props;
  const hrefOf = (t: ThreadView) => (t.reviewId && reviewsPath ? `${reviewsPath}/${t.reviewId}` : undefined);
  const create = useAction(createThread);
  // The line clicked first and the other end of the range (shift-click, or "Through line").
  const [at, setAt] = useState<{ blockId: string; line: number; to: number } | null>(null);
  const range = at && { start: Math.min(at.line, at.to), end: Math.max(at.line, at.to) };
  const rangeLabel = range && (range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`);
  // A click on a line number in the diff above opens the box here (comment-line-event.ts).
  useEffect(() => {
    if (!canComment) return;
    const onRequest = (e: Event) => {
      const { blockId, line, extend } = (e as CustomEvent<CommentLineDetail>).detail;
      const block = blocks.find((b) => b.id === blockId);
      if (!block || line < 1 || line > linesOf(block.body).length) return;
      setAt((prev) => (extend && prev?.blockId === blockId ? { ...prev, to: line } : { blockId, line, to: line }));
      document.querySelector(`[data-comment-block="${CSS.escape(blockId)}"]`)?.scrollIntoView({ block: 'center' });
    };
    window.addEventListener(COMMENT_LINE_EVENT, onRequest);
    return () => window.removeEventListener(COMMENT_LINE_EVENT, onRequest);
  }, [blocks, canComment]);
  const orphans = threads.filter((t) => !blocks.some((b) => b.id === t.blockId));
  return (
    <div className="space-y-4">
      {blocks.map((b) => (
        <div
          key={b.id}
          data-comment-block={b.id}
          aria-label={`Lines of ${b.title || b.kind}`}
          className="rounded-xl border border-stone-200 bg-white p-3"
        >
          <p className="mb-2 text-sm font-medium text-stone-800">{b.title || b.kind}</p>
          <ol className="font-mono text-xs">
            {linesOf(b.body).map((text, i) => (
              <li
                key={i}
                className={`group flex gap-2 ${at?.blockId === b.id && range && i + 1 >= range.start && i + 1 <= range.end ? 'bg-amber-50' : ''}`}
              >
                <span className="w-8 select-none text-right text-stone-400">{i + 1}</span>
                <span className="flex-1 whitespace-pre-wrap break-words">{text || ' '}</span>
                {canComment && (
                  <button
                    type="button"
                    aria-label={`Comment on line ${i + 1} of ${b.title || b.kind}`}
                    className="text-indigo-700 opacity-60 hover:underline group-hover:opacity-100"
                    title="Shift-click another line to comment on a range"
                    onClick={(e) =>
                      setAt(e.shiftKey && at?.blockId === b.id ? { ...at, to: i + 1 } : { blockId: b.id, line: i + 1, to: i + 1 })
                    }
                  >
                    Comment
                  </button>
                )}
                {at?.blockId === b.id && range && i + 1 >= range.start && i + 1 <= range.end && <span className="sr-only">commenting</span>}
              </li>
            ))}
          </ol>
          {at?.blockId === b.id && range && (
            <div className="mt-2 space-y-2">
              <label className="flex items-center gap-2 text-xs text-stone-600">
                Through line
                <input
                  type="number"
                  min={1}
                  max={linesOf(b.body).length}
                  value={at.to}
                  onChange={(e) => {
                    const to = Number(e.target.value);
                    if (Number.isInteger(to) && to >= 1 && to <= linesOf(b.body).length) setAt({ ...at, to });
                  }}
                  className="w-16 rounded border border-stone-300 px-1 py-0.5"
                />
              </label>
              <CommentBox
                label={`Comment on ${rangeLabel}`}
                pending={create.pending}
                onSubmit={async (body) => {
                  const input = { workspace, promptId, ...on, blockId: b.id, startLine: range.start, endLine: range.end, body };
                  if ((await create.run(input)).ok) setAt(null);
                }}
              />
              <FormError message={create.error} />
            </div>
          )}
          <ul className="mt-2 space-y-2">
            {threads
              .filter((t) => t.blockId === b.id)
              .map((t) => (
                <Thread key={t.id} workspace={workspace} thread={t} userId={userId} canComment={canComment} reviewHref={hrefOf(t)} />
              ))}
          </ul>
        </div>
      ))}
      {orphans.length > 0 && (
        <ul className="space-y-2">
          {orphans.map((t) => (
            <Thread key={t.id} workspace={workspace} thread={t} userId={userId} canComment={canComment} reviewHref={hrefOf(t)} />
          ))}
        </ul>
      )}
    </div>
  );
}
