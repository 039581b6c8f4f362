'use client';

import { useEffect, useState } from 'react';
import type { AutosaveState } from '@/lib/domain/autosave';

function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/** Always visible: what the server has of this draft right now. */
export function SaveStatus({ state, readOnly }: { state: AutosaveState; readOnly: boolean }) {
  // null until mounted: the server and the first client render must print the same text.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const first = setTimeout(() => setNow(Date.now()), 0);
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, []);

  const { status, base } = state;
  let text: string;
  let tone = 'text-stone-600';
  if (readOnly) text = `Read-only · r${base.number}`;
  else if (status === 'saving') text = 'Saving…';
  else if (status === 'dirty') text = 'Unsaved changes';
  else if (status === 'offline') {
    text = 'Offline — changes kept on this device';
    tone = 'text-amber-700';
  } else if (status === 'conflict') {
    text = 'Conflict';
    tone = 'text-red-700';
  } else if (status === 'invalid') {
    text = `Not saved — fix ${state.issues.length === 1 ? '1 problem' : `${state.issues.length} problems`}`;
    tone = 'text-red-700';
  } else if (status === 'error') {
    text = 'Not saved — retrying when you edit or press Ctrl+S';
    tone = 'text-red-700';
  } else {
    text = now === null ? `Saved · r${base.number}` : `Saved · r${base.number} · ${ago(base.savedAt, now)}`;
    tone = 'text-emerald-700';
  }
  return (
    <p role="status" aria-live="polite" data-testid="save-status" data-status={status} className={`text-sm font-medium ${tone}`}>
      {text}
    </p>
  );
}
