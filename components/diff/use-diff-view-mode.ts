'use client';

import { useCallback, useSyncExternalStore } from 'react';

export type DiffViewMode = 'split' | 'unified';

const KEY = 'galley:diff-view';
const listeners = new Set<() => void>();
// Used when storage is blocked (private mode, policy): the choice then lasts for this page.
let inMemory: DiffViewMode = 'split';

function read(): DiffViewMode {
  try {
    const stored = window.localStorage.getItem(KEY);
    if (stored === 'split' || stored === 'unified') return stored;
  } catch {
    // fall through to the in-memory choice
  }
  return inMemory;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab changing the preference updates this one too.
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) onChange();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * Side by side or unified, remembered in localStorage. The server and the hydrating client
 * both render side by side, so the markup matches; a stored "unified" applies after mount.
 */
export function useDiffViewMode(): [DiffViewMode, (mode: DiffViewMode) => void] {
  const mode = useSyncExternalStore(subscribe, read, () => 'split' as const);
  const setMode = useCallback((next: DiffViewMode) => {
    inMemory = next;
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // not remembered across visits, but applied for this page
    }
    for (const listener of listeners) listener();
  }, []);
  return [mode, setMode];
}
