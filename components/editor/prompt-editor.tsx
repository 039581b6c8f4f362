'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { loadDraftHead } from '@/lib/actions/drafts';
import { FormError } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { BaseRef } from '@/lib/domain/autosave';
import { canonicalJson } from '@/lib/domain/canonical';
import { parseContent, type Content } from '@/lib/domain/content';
import { BlockList } from './block-list';
import { ConflictBanner } from './conflict-banner';
import { IncludeOptionsProvider, type IncludeOptions } from './include-context';
import { KeptTextPanel } from './kept-text-panel';
import { clearLocalDraft, readLocalDraft, type LocalDraft } from './local-draft';
import { ModelPanel } from './model-panel';
import { PreviewPanel } from './preview-panel';
import { RecoveryBanner } from './recovery-banner';
import { SaveStatus } from './save-status';
import { useDraftAutosave } from './use-draft-autosave';
import { VariablesPanel } from './variables-panel';

export interface PromptEditorProps {
  workspace: string;
  promptId: string;
  head: BaseRef;
  initialContent: Content;
  readOnly: boolean;
  /** The prompts an include block may name. */
  includable?: IncludeOptions['includable'];
}

export function PromptEditor({ workspace, promptId, head, initialContent, readOnly, includable = [] }: PromptEditorProps) {
  const [content, setContent] = useState(initialContent);
  // Bumped when content is replaced from outside (load latest, recovery) so uncontrolled fields remount.
  const [generation, setGeneration] = useState(0);
  const [kept, setKept] = useState<Content | null>(null);
  const [recovery, setRecovery] = useState<LocalDraft | null>(null);
  const [paramsError, setParamsError] = useState<string | null>(null);
  const load = useAction(loadDraftHead);
  const { state, dispatch, flush, markEdited } = useDraftAutosave({
    workspace,
    promptId,
    initialBase: head,
    content,
    enabled: !readOnly && !paramsError,
  });

  // Once per mount: later refreshes bring new props while this editor's own state is newer.
  const recoveryChecked = useRef(false);
  useEffect(() => {
    if (readOnly || recoveryChecked.current) return;
    recoveryChecked.current = true;
    const local = readLocalDraft(promptId);
    if (!local) return;
    if (canonicalJson(local.content) === canonicalJson(initialContent)) clearLocalDraft(promptId);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only after mount
    else setRecovery(local);
  }, [promptId, initialContent, readOnly]);

  const edit = useCallback(
    (next: Content) => {
      setContent(next);
      markEdited(next);
    },
    [markEdited],
  );

  // One function for every block's blur and Ctrl/Cmd+S, so the memoized block cards stay put.
  const flushNow = useCallback(() => void flush(), [flush]);

  // Ctrl/Cmd+S anywhere on the page saves now instead of opening the browser's dialog.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void flush();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flush]);

  async function loadLatest() {
    const res = await load.run({ workspace, promptId });
    if (!res.ok) return;
    const parsed = parseContent(res.data.content);
    if (!parsed.ok) return load.setError('The latest revision could not be read.');
    setKept(content);
    setContent(parsed.content);
    setGeneration((g) => g + 1);
    dispatch({ type: 'load-latest', base: { id: res.data.id, number: res.data.number, savedAt: res.data.savedAt } });
    clearLocalDraft(promptId);
  }

  // The same object while typing: include cards read it through context, past their memo.
  const includeOptions = useMemo(() => ({ workspace, promptId, includable }), [workspace, promptId, includable]);
  const issues = state.issues;
  return (
    <IncludeOptionsProvider value={includeOptions}>
      <div className="space-y-4" data-testid="prompt-editor">
        <div className="sticky top-0 z-20 -mx-2 flex items-center gap-3 bg-stone-50/95 px-2 py-2 backdrop-blur">
          <SaveStatus state={state} readOnly={readOnly} />
          {state.error && state.status === 'error' && <span className="text-sm text-red-700">{state.error}</span>}
        </div>
        {readOnly && (
          <p className="rounded-md border border-stone-200 bg-white px-3 py-2 text-sm text-stone-600">
            You can read this prompt; your role cannot edit it.
          </p>
        )}
        {recovery && (
          <RecoveryBanner
            draft={recovery}
            onRestore={() => {
              setRecovery(null);
              setGeneration((g) => g + 1);
              edit(recovery.content);
            }}
            onDiscard={() => {
              clearLocalDraft(promptId);
              setRecovery(null);
            }}
          />
        )}
        {state.conflict && (
          <ConflictBanner conflict={state.conflict} onLoadLatest={loadLatest} onOverwrite={() => dispatch({ type: 'overwrite' })} />
        )}
        <FormError message={load.error} />
        {kept && <KeptTextPanel content={kept} onDismiss={() => setKept(null)} />}
        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <BlockList
            key={`blocks-${generation}`}
            content={content}
            readOnly={readOnly}
            issues={issues}
            onChange={edit}
            onBlur={flushNow}
            onSaveShortcut={flushNow}
          />
          <aside className="space-y-4">
            <VariablesPanel
              key={`vars-${generation}`}
              content={content}
              readOnly={readOnly}
              issues={issues}
              onChange={edit}
              onBlur={() => void flush()}
            />
            <ModelPanel
              key={`model-${generation}`}
              content={content}
              readOnly={readOnly}
              issues={issues}
              onChange={edit}
              onBlur={() => void flush()}
              onParamsError={setParamsError}
            />
            <PreviewPanel content={content} />
          </aside>
        </div>
      </div>
    </IncludeOptionsProvider>
  );
}
