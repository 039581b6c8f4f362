'use client';

// Wires the pure autosave state machine (lib/domain/autosave) to timers, the saveDraft
// server action, browser events and localStorage.
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { saveDraft } from '@/lib/actions/drafts';
import { autosaveReducer, hasUnsavedChanges, initialAutosaveState, saveDue, type BaseRef, type ConflictInfo } from '@/lib/domain/autosave';
import { parseContent, type Content, type ContentIssue } from '@/lib/domain/content';
import { clearLocalDraft, writeLocalDraft } from './local-draft';

const DEBOUNCE_MS = 1000;
const OFFLINE_RETRY_MS = 5000;
const REFRESH_AFTER_SAVE_MS = 1500;

function issuesFromFieldErrors(fieldErrors: Record<string, string[]> | undefined): ContentIssue[] {
  return Object.entries(fieldErrors ?? {})
    .filter(([k]) => k.startsWith('content'))
    .map(([k, msgs]) => ({ path: k.replace(/^content\.?/, ''), message: msgs.join(' ') }));
}

export function useDraftAutosave(opts: { workspace: string; promptId: string; initialBase: BaseRef; content: Content; enabled: boolean }) {
  const { workspace, promptId, enabled } = opts;
  const [state, dispatch] = useReducer(autosaveReducer, opts.initialBase, initialAutosaveState);
  const stateRef = useRef(state);
  const contentRef = useRef(opts.content);
  useLayoutEffect(() => {
    stateRef.current = state;
    contentRef.current = opts.content;
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const s = stateRef.current;
    if (!enabled || !saveDue(s)) return;
    const version = s.editVersion;
    const content = contentRef.current;
    const parsed = parseContent(content);
    if (!parsed.ok) {
      dispatch({ type: 'invalid', issues: parsed.issues });
      return;
    }
    dispatch({ type: 'save-start', version });
    stateRef.current = { ...s, inFlight: version };
    let res: Awaited<ReturnType<typeof saveDraft>>;
    try {
      res = await saveDraft({ workspace, promptId, baseRevisionId: s.base.id, content: parsed.content });
    } catch {
      dispatch({ type: 'save-offline', version });
      return;
    }
    if (res.ok) {
      dispatch({ type: 'save-ok', version, revision: res.data.revision });
      if (stateRef.current.editVersion === version) clearLocalDraft(promptId);
    } else if (res.error.code === 'conflict' && res.error.details) {
      dispatch({ type: 'save-conflict', version, conflict: res.error.details as unknown as ConflictInfo });
    } else {
      dispatch({ type: 'save-error', version, message: res.error.message, issues: issuesFromFieldErrors(res.fieldErrors) });
    }
  }, [enabled, workspace, promptId]);

  /** Call after every local change to the content. */
  const markEdited = useCallback(
    (content: Content) => {
      dispatch({ type: 'edit' });
      contentRef.current = content;
      const s = stateRef.current;
      writeLocalDraft(promptId, { baseRevisionId: s.base.id, baseNumber: s.base.number, content, savedAt: new Date().toISOString() });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, promptId],
  );

  // A save that finished while more edits arrived: go again (debounced).
  useEffect(() => {
    if (state.status === 'dirty' && state.inFlight === null && !timer.current) {
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    }
  }, [state.status, state.inFlight, state.editVersion, flush]);

  // Once everything is saved and typing has paused, refresh the server-rendered parts of
  // the page (publish bar, header) so they show the new head. The editor keeps its own state.
  const router = useRouter();
  useEffect(() => {
    if (state.status !== 'saved' || state.savedVersion === 0) return;
    const t = setTimeout(() => router.refresh(), REFRESH_AFTER_SAVE_MS);
    return () => clearTimeout(t);
  }, [state.status, state.savedVersion, router]);

  // Offline: retry on a timer and as soon as the browser says the network is back.
  useEffect(() => {
    if (state.status !== 'offline') return;
    const retry = setInterval(() => void flush(), OFFLINE_RETRY_MS);
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => {
      clearInterval(retry);
      window.removeEventListener('online', online);
    };
  }, [state.status, flush]);

  // Save when the tab is hidden; warn before leaving with unsaved work.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void flush();
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsavedChanges(stateRef.current)) e.preventDefault();
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [flush]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { state, dispatch, flush, markEdited };
}
