// Shared by the lazy wrapper (while the Monaco chunk downloads) and by BodyEditor (while
// Monaco initialises), so a block body is readable, and editable, from the first paint.
import type { ChangeEvent } from 'react';

/** Metrics shared with the Monaco options, so swapping one for the other does not jump. */
export const EDITOR_LINE_HEIGHT = 20;
export const EDITOR_PADDING_Y = 8;
export const EDITOR_PADDING_X = 10;
export const EDITOR_FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** Past this the editor stops growing and scrolls. */
export const EDITOR_MAX_HEIGHT = 600;

export function editorMinHeight(minLines: number): number {
  return minLines * EDITOR_LINE_HEIGHT + 2 * EDITOR_PADDING_Y;
}

/** Height before anything is measured: one row per line of text, ignoring wrapping. */
export function estimatedContentHeight(value: string): number {
  return value.split('\n').length * EDITOR_LINE_HEIGHT + 2 * EDITOR_PADDING_Y;
}

/** The body's height before Monaco measures it: the textarea, the placeholder and Monaco's first frame agree. */
export function fallbackHeight(value: string, minLines: number): number {
  return Math.min(EDITOR_MAX_HEIGHT, Math.max(editorMinHeight(minLines), estimatedContentHeight(value)));
}

export interface BodyEditorFallbackProps {
  value: string;
  onChange?(value: string): void;
  onFocus?(): void;
  onBlur?(): void;
  readOnly?: boolean;
  ariaLabel: string;
  minLines?: number;
  autoFocus?: boolean;
}

export function BodyEditorFallback({
  value,
  onChange,
  onFocus,
  onBlur,
  readOnly,
  ariaLabel,
  minLines = 3,
  autoFocus,
}: BodyEditorFallbackProps) {
  const editable = Boolean(onChange) && !readOnly;
  return (
    <textarea
      aria-label={ariaLabel}
      value={value}
      readOnly={!editable}
      onChange={editable ? (event: ChangeEvent<HTMLTextAreaElement>) => onChange?.(event.target.value) : undefined}
      onFocus={onFocus}
      onBlur={onBlur}
      autoFocus={autoFocus}
      spellCheck={false}
      data-editor-fallback=""
      className="block w-full resize-none border-0 bg-transparent text-stone-900 focus:outline-none"
      style={{
        minHeight: editorMinHeight(minLines),
        height: fallbackHeight(value, minLines),
        padding: `${EDITOR_PADDING_Y}px ${EDITOR_PADDING_X}px`,
        fontFamily: EDITOR_FONT_FAMILY,
        fontSize: 13,
        lineHeight: `${EDITOR_LINE_HEIGHT}px`,
      }}
    />
  );
}
