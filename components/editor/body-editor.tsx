'use client';

// The Monaco editor for one block body. Load it only through LazyBodyEditor: importing
// Monaco (./monaco) here keeps it in this lazily loaded chunk and off every CDN.
import Editor, { loader, type OnMount } from '@monaco-editor/react';
import * as monaco from './monaco';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  BodyEditorFallback,
  EDITOR_FONT_FAMILY,
  EDITOR_LINE_HEIGHT,
  EDITOR_MAX_HEIGHT,
  EDITOR_PADDING_X,
  EDITOR_PADDING_Y,
  editorMinHeight,
  estimatedContentHeight,
} from './body-editor-fallback';
import { acquireVariableCompletion, offerVariables, VARIABLE_STYLES, variableDecorations } from './variable-support';

export interface BodyEditorProps {
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  /** Ctrl/Cmd+S inside the editor; the browser's own save dialog is always suppressed. */
  onSaveShortcut?(): void;
  /** Names of the defined variables: offered after `{{`; any other name is marked. */
  variables: string[];
  readOnly?: boolean;
  ariaLabel: string;
  minLines?: number;
}

const DECORATION_DELAY_MS = 100;
// A parent that never echoes onChange back must not make this list grow without bound.
const MAX_UNECHOED = 20;
const STYLE_ELEMENT_ID = 'galley-body-editor-styles';

loader.config({ monaco });

if (typeof window !== 'undefined') {
  self.MonacoEnvironment ??= {
    getWorker: () => new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module' }),
  };
  if (!document.getElementById(STYLE_ELEMENT_ID)) {
    const style = document.createElement('style');
    style.id = STYLE_ELEMENT_ID;
    style.textContent = VARIABLE_STYLES;
    document.head.append(style);
  }
}

type CodeEditor = monaco.editor.IStandaloneCodeEditor;

export default function BodyEditor(props: BodyEditorProps) {
  const { value, variables, readOnly = false, ariaLabel, minLines = 3 } = props;
  const [editor, setEditor] = useState<CodeEditor | null>(null);
  const [contentHeight, setContentHeight] = useState(() => estimatedContentHeight(value));
  const height = Math.min(EDITOR_MAX_HEIGHT, Math.max(editorMinHeight(minLines), contentHeight));
  const scrolls = contentHeight > EDITOR_MAX_HEIGHT;

  // Monaco listeners are attached once; they read the latest callbacks from here.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  // True while a new value from the parent is written in, which must not echo back as onChange.
  const applyingValue = useRef(false);
  // Values passed to onChange that have not come back through props yet, oldest first.
  const sentValues = useRef<string[]>([]);

  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ariaLabel,
      readOnly,
      domReadOnly: readOnly,
      wordWrap: 'on',
      minimap: { enabled: false },
      lineNumbers: 'off',
      glyphMargin: false,
      folding: false,
      lineDecorationsWidth: EDITOR_PADDING_X,
      scrollBeyondLastLine: false,
      automaticLayout: true,
      fontSize: 13,
      fontFamily: EDITOR_FONT_FAMILY,
      lineHeight: EDITOR_LINE_HEIGHT,
      renderLineHighlight: 'none',
      overviewRulerLanes: 0,
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      scrollbar: { alwaysConsumeMouseWheel: false, vertical: scrolls ? 'auto' : 'hidden' },
      padding: { top: EDITOR_PADDING_Y, bottom: EDITOR_PADDING_Y },
      // The editor is only a few lines tall; let the suggest list and hovers overflow it.
      fixedOverflowWidgets: true,
      // Prose is not code: suggest only variables, and leave typographic quotes alone. The
      // variable provider answers only after "{{", so quick suggestions can be on everywhere;
      // they must be, because Monarch's markdown tokenizes "{{…}}" as a string.
      wordBasedSuggestions: 'off',
      quickSuggestions: true,
      suggest: { showWords: false, showSnippets: false },
      unicodeHighlight: { ambiguousCharacters: false },
      stickyScroll: { enabled: false },
    }),
    [ariaLabel, readOnly, scrolls],
  );

  const handleMount: OnMount = (mounted) => {
    setContentHeight(mounted.getContentHeight());
    setEditor(mounted);
  };

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    const releaseCompletion = acquireVariableCompletion();
    const subscriptions = [
      editor.onDidContentSizeChange((event) => {
        if (event.contentHeightChanged) setContentHeight(event.contentHeight);
      }),
      editor.onDidChangeModelContent(() => {
        if (applyingValue.current) return;
        const next = model.getValue();
        sentValues.current.push(next);
        if (sentValues.current.length > MAX_UNECHOED) sentValues.current.shift();
        latest.current.onChange(next);
      }),
      editor.onDidBlurEditorText(() => latest.current.onBlur?.()),
      // addAction, not addCommand: its keybinding is scoped to this editor and disposable,
      // whereas addCommand's is global, so the last editor created would take every Ctrl+S.
      editor.addAction({
        id: 'galley.save',
        label: 'Save',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
        run: () => latest.current.onSaveShortcut?.(),
      }),
    ];
    return () => {
      subscriptions.forEach((subscription) => subscription.dispose());
      releaseCompletion();
    };
  }, [editor]);

  // Write the parent's value in only when it is not one we sent (say, after "load latest"),
  // so typing never resets the cursor or the undo stack. Comparing with the model is not
  // enough: React may render an older echo of our own onChange after the model has moved on
  // (Monaco's input events do not all get the same update priority), and writing that back
  // would drop keystrokes and jump the cursor to the start.
  useEffect(() => {
    if (!editor) return;
    const echo = sentValues.current.lastIndexOf(value);
    if (echo !== -1) {
      sentValues.current.splice(0, echo + 1);
      return;
    }
    sentValues.current = [];
    if (editor.getValue() === value) return;
    applyingValue.current = true;
    try {
      editor.setValue(value);
    } finally {
      applyingValue.current = false;
    }
  }, [editor, value]);

  // Callers usually pass a fresh array each render; key the effect on the names instead.
  const variablesKey = variables.join('\n');
  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model) return;
    const names = variablesKey === '' ? [] : variablesKey.split('\n');
    const defined = new Set(names);
    const withdraw = offerVariables(model, names);
    const decorations = editor.createDecorationsCollection();
    const redecorate = () => decorations.set(variableDecorations(model, defined));
    redecorate();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(redecorate, DECORATION_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      subscription.dispose();
      decorations.clear();
      withdraw();
    };
  }, [editor, variablesKey]);

  return (
    <Editor
      height={height}
      defaultLanguage="markdown"
      defaultValue={value}
      theme="vs"
      options={options}
      onMount={handleMount}
      loading={<BodyEditorFallback value={value} readOnly ariaLabel={ariaLabel} minLines={minLines} />}
    />
  );
}
