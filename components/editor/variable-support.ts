// `{{variable}}` support shared by every BodyEditor on the page: the decorations that mark
// defined and undefined variables, and one completion provider for the markdown language.
// Imported only by body-editor.tsx, so it lives in the lazily loaded Monaco chunk.
import * as monaco from './monaco';
import { findTokens } from '@/lib/domain/variables';

export const VARIABLE_STYLES = `
.monaco-editor .galley-var { background-color: rgb(99 102 241 / 0.16); border-radius: 3px; }
.monaco-editor .galley-var-undefined {
  text-decoration: underline wavy #dc2626;
  text-decoration-skip-ink: none;
  text-underline-offset: 3px;
}
`;

const STICKINESS = monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges;

export function variableDecorations(model: monaco.editor.ITextModel, defined: ReadonlySet<string>): monaco.editor.IModelDeltaDecoration[] {
  return findTokens(model.getValue())
    .filter((token) => !token.escaped && token.name !== '')
    .map((token) => {
      const range = monaco.Range.fromPositions(model.getPositionAt(token.start), model.getPositionAt(token.end));
      if (token.valid && defined.has(token.name)) {
        return { range, options: { inlineClassName: 'galley-var', stickiness: STICKINESS } };
      }
      const name = escapeMarkdown(token.name);
      const message = token.valid
        ? `Undefined variable “${name}” — define it in the Variables panel`
        : `“${name}” is not a valid variable name, so it is left as written`;
      return { range, options: { inlineClassName: 'galley-var-undefined', hoverMessage: { value: message }, stickiness: STICKINESS } };
    });
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&');
}

/**
 * Where a completion typed at `cursor` (0-based) in `line` goes, or null when the cursor is
 * not inside an opened `{{`. The range covers the partly typed name and, so that accepting
 * does not double them, any name characters and closing `}}` already after the cursor
 * (Monaco auto-closes `{{` to `{{}}`).
 */
export function completionSpan(line: string, cursor: number): { start: number; end: number } | null {
  const open = /(\\?)\{\{\s*([A-Za-z0-9_]*)$/.exec(line.slice(0, cursor));
  if (!open || open[1] === '\\') return null;
  const rest = /^[A-Za-z0-9_]*(?:\s*\}\})?/.exec(line.slice(cursor))?.[0] ?? '';
  return { start: cursor - open[2].length, end: cursor + rest.length };
}

// The provider is registered once for the language, not per editor, so it finds each
// editor's variables by model URI.
const variablesByModel = new Map<string, readonly string[]>();
let completion: { registration: monaco.IDisposable; users: number } | null = null;

const provider: monaco.languages.CompletionItemProvider = {
  triggerCharacters: ['{'],
  provideCompletionItems(model, position) {
    const names = variablesByModel.get(model.uri.toString());
    const span = names?.length ? completionSpan(model.getLineContent(position.lineNumber), position.column - 1) : null;
    if (!names || !span) return { suggestions: [] };
    const range = new monaco.Range(position.lineNumber, span.start + 1, position.lineNumber, span.end + 1);
    return {
      suggestions: names.map((name) => ({
        label: name,
        kind: monaco.languages.CompletionItemKind.Variable,
        detail: 'Variable',
        insertText: `${name}}}`,
        range,
      })),
    };
  },
};

/** Offers `names` in `model` until the returned function is called. */
export function offerVariables(model: monaco.editor.ITextModel, names: readonly string[]): () => void {
  const uri = model.uri.toString();
  variablesByModel.set(uri, names);
  return () => {
    if (variablesByModel.get(uri) === names) variablesByModel.delete(uri);
  };
}

/** Keeps the provider registered while at least one editor uses it; call the result on unmount. */
export function acquireVariableCompletion(): () => void {
  completion ??= { registration: monaco.languages.registerCompletionItemProvider('markdown', provider), users: 0 };
  completion.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (completion && --completion.users === 0) {
      completion.registration.dispose();
      completion = null;
    }
  };
}
